using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Activation;

/// <summary>A call that had to wait in a mailbox. It carries the caller's request context to the turn that runs it.</summary>
internal sealed class Message<TResult> : WorkItem
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GrainId _target;
    private readonly GrainRequest<TResult> _request;
    private readonly GrainRuntime _runtime;
    private readonly RequestContextSnapshot _context;
    private readonly long _enqueuedAt;

    public Message(GrainId target, GrainRequest<TResult> request, GrainRuntime runtime)
    {
        _target = target;
        _request = request;
        _runtime = runtime;
        _context = RequestContext.Capture();
        _enqueuedAt = runtime.TimeProvider.GetTimestamp();
    }

    public Task<TResult> Task => _completion.Task;

    public override bool IsReadOnly => _request.Method.IsReadOnly;

    public override void Start(ActivationData activation)
    {
        // The caller has given up after its timeout; running the call now would only delay the calls behind it.
        if (_runtime.TimeProvider.GetElapsedTime(_enqueuedAt) >= _runtime.Messaging.ResponseTimeout)
        {
            _completion.TrySetException(GrainCallTimeout.Create(_target, _request, _runtime.Messaging.ResponseTimeout));
            activation.EndTurn();
            return;
        }

        var previous = RequestContext.Restore(_context);
        try
        {
            var task = activation.RunTurn(_request);
            if (task.IsCompleted)
            {
                Complete(task);
            }
            else
            {
                task.ContinueWith(
                    static (t, state) => ((Message<TResult>)state!).Complete(t),
                    this,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        finally
        {
            RequestContext.Restore(previous);
        }
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Forward(Catalog catalog) => catalog.Forward(_target, this);

    private void Complete(Task<TResult> task)
    {
        if (task.IsCompletedSuccessfully)
        {
            _completion.TrySetResult(task.Result);
        }
        else if (task.IsCanceled)
        {
            _completion.TrySetCanceled();
        }
        else
        {
            _completion.TrySetException(task.Exception!.InnerExceptions);
        }
    }
}
