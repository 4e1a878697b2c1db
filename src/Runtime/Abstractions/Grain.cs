using Playbound.Runtime.Activation;
using Playbound.Runtime.Streams;
using Playbound.Runtime.Timers;

namespace Playbound.Runtime;

/// <summary>
/// Base class of grain implementations. The runtime creates the instance on the first call, runs
/// <see cref="OnActivateAsync"/>, delivers calls one turn at a time, and after an idle period runs
/// <see cref="OnDeactivateAsync"/> and drops it.
/// </summary>
public abstract class Grain
{
    private ActivationData? _activation;

    /// <summary>The grain's identity.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>Creates references to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime.GrainFactory;

    internal ActivationData Activation
    {
        get => _activation ?? throw new InvalidOperationException(
            "The grain is not activated yet; use OnActivateAsync rather than the constructor for runtime services.");
        set => _activation = value;
    }

    /// <summary>The grain's string key.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>Runs once per activation, after persistent state was read and before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation is dropped (idle, requested, or silo shutdown); not after a crash.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Asks the runtime to deactivate this grain once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>
    /// Registers a timer whose callback runs as a turn of this grain (never beside a call). The timer does not
    /// keep the grain active and ends with the activation.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        GrainTimer.Start(Activation, callback, dueTime, period);

    /// <summary>Returns the durable stream (<paramref name="streamNamespace"/>, <paramref name="key"/>).</summary>
    protected IAsyncStream<T> GetStream<T>(string streamNamespace, string key) =>
        Activation.Runtime.StreamProvider.GetStream<T>(streamNamespace, key);
}
