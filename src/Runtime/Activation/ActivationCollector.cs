using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Hosting;

namespace Playbound.Runtime.Activation;

/// <summary>Every collection quantum, deactivates activations idle for longer than the collection age.</summary>
internal sealed class ActivationCollector(
    Catalog catalog, IOptions<GrainCollectionOptions> options, TimeProvider timeProvider, ILogger<ActivationCollector> logger)
    : BackgroundService
{
    /// <summary>Runs one collection pass now; returns how many activations were asked to deactivate.</summary>
    public int CollectIdle()
    {
        var now = timeProvider.GetTimestamp();
        var age = options.Value.CollectionAge;
        var collected = catalog.Activations().Count(activation => activation.TryCollect(now, age));
        if (collected > 0)
        {
            logger.Collected(collected, catalog.Count);
        }

        return collected;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionQuantum, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                CollectIdle();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
