using Playbound.Runtime.Timers;

namespace Playbound.Runtime.Activation;

/// <summary>
/// The last turn of an activation: stop its timers, run OnDeactivateAsync, leave the catalog. It runs as an
/// exclusive turn, so no call is inside the grain meanwhile; calls that arrive go to the next activation.
/// </summary>
internal sealed class DeactivateWorkItem(DeactivationReason reason) : WorkItem
{
    public override bool IsReadOnly => false;

    public override void Start(ActivationData activation) => _ = RunAsync(activation);

    public override void Fail(Exception exception)
    {
    }

    private async Task RunAsync(ActivationData activation)
    {
        var runtime = activation.Runtime;
        if (activation.State != ActivationState.Valid)
        {
            activation.EndTurn();
            return;
        }

        try
        {
            foreach (var timer in activation.MarkDeactivating() ?? [])
            {
                timer.Dispose();
            }

            if (activation.GrainInstance is Grain grain)
            {
                using var timeout = new CancellationTokenSource(runtime.Messaging.ResponseTimeout, runtime.TimeProvider);
                await grain.OnDeactivateAsync(reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Deactivation goes ahead regardless: the state in storage is the truth and the next activation reads it.
            runtime.Logger.DeactivationFailed(ex, activation.GrainId);
        }
        finally
        {
            activation.MarkInvalid(activationError: null);
            RuntimeInstruments.ActivationRemoved();
            runtime.Logger.Deactivated(activation.GrainId, reason);
            activation.EndTurn();
        }
    }
}
