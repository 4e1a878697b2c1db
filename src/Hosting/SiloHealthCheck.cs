using Microsoft.Extensions.Diagnostics.HealthChecks;
using Playbound.Grains;

namespace Playbound.Hosting;

/// <summary>
/// Ready when a grain call that writes and reads storage succeeds within the probe's time. Each host probes its own
/// health grain (one row per host start): hosts sharing a database, such as the silos of several clusters or test
/// runs side by side, must not write one grain's state from two owners.
/// </summary>
internal sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private readonly string _probeKey = $"{Environment.MachineName}-{Guid.NewGuid():N}";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var report = await grains.GetGrain<IHealthGrain>(_probeKey).Check().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"heartbeat {report.Heartbeats} at {report.CheckedAt:O}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo could not complete a grain call through storage.", ex);
        }
    }
}
