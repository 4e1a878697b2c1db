using Microsoft.Extensions.Diagnostics.HealthChecks;
using Playbound.Grains;
using Playbound.Runtime;

namespace Playbound.Hosting;

/// <summary>Ready when a grain call that writes and reads storage succeeds within the probe's time.</summary>
internal sealed class SiloHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var report = await grains.GetGrain<IHealthGrain>(Environment.MachineName).Check().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"heartbeat {report.Heartbeats} at {report.CheckedAt:O}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo could not complete a grain call through storage.", ex);
        }
    }
}
