using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Activation;

namespace Playbound.Runtime.Hosting;

/// <summary>On shutdown, deactivates every activation so grains run OnDeactivateAsync and flush their state.</summary>
internal sealed class SiloLifecycle(
    Catalog catalog, IOptions<GrainCollectionOptions> options, TimeProvider timeProvider, ILogger<SiloLifecycle> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var activations = catalog.Activations().ToArray();
        logger.DeactivatingAll(activations.Length);
        foreach (var activation in activations)
        {
            activation.RequestDeactivation(DeactivationReason.ShuttingDown);
        }

        var timeout = options.Value.DeactivationTimeout;
        var deadline = timeProvider.GetTimestamp();
        while (catalog.Count > 0)
        {
            if (timeProvider.GetElapsedTime(deadline) >= timeout || cancellationToken.IsCancellationRequested)
            {
                logger.DeactivationTimedOut(catalog.Count, timeout);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None).ConfigureAwait(false);
        }
    }
}
