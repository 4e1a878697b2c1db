using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Activation;

/// <summary>
/// The local activations of one stateless worker grain id. A call goes to an idle worker, or to a new one while
/// under the limit, or else to the worker with the least work.
/// </summary>
internal sealed class StatelessWorkerGroup(GrainId grainId, GrainClassInfo grainClass, GrainRuntime runtime)
    : IActivationTarget, IActivationOwner
{
    private readonly Lock _lock = new();
    private readonly List<ActivationData> _workers = [];
    private int _nextBusy;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _workers.Count;
            }
        }
    }

    public ActivationData[] Workers()
    {
        lock (_lock)
        {
            return [.. _workers];
        }
    }

    public Task<TResult>? TryInvoke<TResult>(GrainRequest<TResult> request)
    {
        while (true)
        {
            var task = PickWorker().TryInvoke(request);
            if (task is not null)
            {
                return task;
            }
        }
    }

    public bool TryEnqueue(WorkItem item)
    {
        while (!PickWorker().TryEnqueue(item))
        {
        }

        return true;
    }

    public void OnDeactivated(ActivationData activation)
    {
        lock (_lock)
        {
            _workers.Remove(activation);
        }
    }

    private ActivationData PickWorker()
    {
        ActivationData? created = null;
        ActivationData picked;
        lock (_lock)
        {
            picked = _workers.Find(static w => w.IsIdle && w.State == ActivationState.Valid)!;
            if (picked is null && _workers.Count < grainClass.MaxLocalWorkers)
            {
                created = picked = new ActivationData(grainId, grainClass, runtime, this);
                _workers.Add(created);
            }
            else if (picked is null)
            {
                // All busy and at the limit: spread the backlog round-robin.
                picked = _workers[_nextBusy++ % _workers.Count];
            }
        }

        created?.Start();
        return picked;
    }
}
