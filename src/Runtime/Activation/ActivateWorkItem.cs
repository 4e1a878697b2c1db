namespace Playbound.Runtime.Activation;

/// <summary>
/// The first turn of every activation: create the grain instance, read its persistent state, run OnActivateAsync.
/// If any step fails, the calls waiting behind it fail with that error and the next call tries afresh.
/// </summary>
internal sealed class ActivateWorkItem : WorkItem
{
    public override bool IsReadOnly => false;

    public override void Start(ActivationData activation) => _ = RunAsync(activation);

    public override void Fail(Exception exception)
    {
    }

    private static async Task RunAsync(ActivationData activation)
    {
        var runtime = activation.Runtime;
        using var timeout = new CancellationTokenSource(runtime.Messaging.ResponseTimeout, runtime.TimeProvider);
        try
        {
            var grain = runtime.Activator.CreateInstance(activation);
            activation.GrainInstance = grain;
            foreach (var state in activation.States)
            {
                await state.LoadAsync(timeout.Token).ConfigureAwait(false);
            }

            if (grain is Grain withLifecycle)
            {
                await withLifecycle.OnActivateAsync(timeout.Token).ConfigureAwait(false);
            }

            activation.MarkValid();
            RuntimeInstruments.ActivationCreated();
            runtime.Logger.Activated(activation.GrainId);
        }
        catch (Exception ex)
        {
            runtime.Logger.ActivationFailed(ex, activation.GrainId);
            activation.MarkInvalid(ex);
        }
        finally
        {
            activation.EndTurn();
        }
    }
}
