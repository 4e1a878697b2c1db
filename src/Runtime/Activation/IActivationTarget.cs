using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Activation;

/// <summary>What the catalog holds for a grain id: one activation, or a group of stateless workers.</summary>
internal interface IActivationTarget
{
    /// <summary>Starts a call, or returns null when the target is gone and the caller must look the grain up again.</summary>
    Task<TResult>? TryInvoke<TResult>(GrainRequest<TResult> request);

    /// <summary>Queues a forwarded item, or returns false when the target is gone.</summary>
    bool TryEnqueue(WorkItem item);
}

/// <summary>Told when one of its activations is gone for good.</summary>
internal interface IActivationOwner
{
    /// <summary>Removes <paramref name="activation"/>; later calls create a new one.</summary>
    void OnDeactivated(ActivationData activation);
}
