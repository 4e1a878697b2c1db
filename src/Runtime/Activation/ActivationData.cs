using Playbound.Runtime.Filters;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Timers;

namespace Playbound.Runtime.Activation;

/// <summary>
/// One in-memory instance of a grain and its mailbox. Turns run one at a time in arrival order; read-only turns
/// may overlap each other. A call that finds the activation idle runs inline on the caller's thread (no queueing,
/// no allocation); otherwise it waits in the mailbox and a thread-pool pump runs it when its turn comes.
/// </summary>
internal sealed partial class ActivationData : IActivationTarget, IThreadPoolWorkItem
{
    private readonly Lock _lock = new();
    private readonly Queue<WorkItem> _mailbox = new();
    private readonly IActivationOwner _owner;
    private readonly Action _endTurn;
    private ActivationState _state = ActivationState.Activating;
    private int _running;
    private bool _runningReadOnly;
    private bool _pumpActive;
    private bool _deactivationQueued;
    private bool _touched = true;
    private long _lastActiveTimestamp;
    private List<GrainTimer>? _timers;

    public ActivationData(GrainId grainId, GrainClassInfo grainClass, GrainRuntime runtime, IActivationOwner owner)
    {
        GrainId = grainId;
        GrainClass = grainClass;
        Runtime = runtime;
        _owner = owner;
        _endTurn = EndTurn;
        _lastActiveTimestamp = runtime.TimeProvider.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassInfo GrainClass { get; }

    public GrainRuntime Runtime { get; }

    /// <summary>The grain instance; set by the activation turn.</summary>
    public object? GrainInstance { get; set; }

    /// <summary>The persistent states injected into the grain; read during activation.</summary>
    public List<IActivationStateLoader> States { get; } = [];

    public ActivationState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    /// <summary>Queues the activation turn. Called once, after the catalog accepted this activation.</summary>
    public void Start() => TryEnqueue(new ActivateWorkItem());

    /// <inheritdoc />
    public Task<TResult>? TryInvoke<TResult>(GrainRequest<TResult> request)
    {
        var readOnly = request.Method.IsReadOnly;
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return null;
            }

            _touched = true;
            if (_state != ActivationState.Valid || _pumpActive || _mailbox.Count > 0 || !CanStart(readOnly))
            {
                var message = new Message<TResult>(GrainId, request, Runtime);
                EnqueueLocked(message);
                return message.Task;
            }

            _running++;
            _runningReadOnly = readOnly;
        }

        return RunTurn(request);
    }

    /// <inheritdoc />
    public bool TryEnqueue(WorkItem item)
    {
        lock (_lock)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            EnqueueLocked(item);
            return true;
        }
    }

    /// <summary>Invokes a request as the current turn; the turn ends when the returned task completes.</summary>
    public Task<TResult> RunTurn<TResult>(GrainRequest<TResult> request)
    {
        Task<TResult> task;
        try
        {
            task = Runtime.IncomingFilters.Length == 0
                ? request.InvokeAsync(GrainInstance!)
                : IncomingCallContext<TResult>.InvokeAsync(this, request);
        }
        catch (Exception ex)
        {
            task = Task.FromException<TResult>(ex);
        }

        if (task.IsCompleted)
        {
            EndTurn();
        }
        else
        {
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_endTurn);
        }

        return task;
    }

    /// <summary>Marks the end of a turn and wakes the pump if the next item can run.</summary>
    public void EndTurn()
    {
        lock (_lock)
        {
            _running--;
            if (!TrySchedulePumpLocked())
            {
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Queues a deactivation turn unless one is queued already.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_deactivationQueued || _state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }

            _deactivationQueued = true;
            EnqueueLocked(new DeactivateWorkItem(reason));
        }
    }

    /// <summary>Whether the activation is idle: nothing running and nothing queued.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_lock)
            {
                return _running == 0 && _mailbox.Count == 0;
            }
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            WorkItem item;
            lock (_lock)
            {
                if (_mailbox.Count == 0 || !CanStart(_mailbox.Peek().IsReadOnly))
                {
                    _pumpActive = false;
                    return;
                }

                item = _mailbox.Dequeue();
                _running++;
                _runningReadOnly = item.IsReadOnly;
            }

            item.Start(this);
        }
    }

    private void EnqueueLocked(WorkItem item)
    {
        _mailbox.Enqueue(item);
        if (TrySchedulePumpLocked())
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private bool TrySchedulePumpLocked()
    {
        if (_pumpActive || _mailbox.Count == 0 || !CanStart(_mailbox.Peek().IsReadOnly))
        {
            return false;
        }

        _pumpActive = true;
        return true;
    }

    // A turn may start when nothing runs, or when it and everything running are read-only.
    private bool CanStart(bool readOnly) => _running == 0 || (readOnly && _runningReadOnly);

    /// <inheritdoc />
    public override string ToString() => $"[Activation {GrainId} {_state}]";
}
