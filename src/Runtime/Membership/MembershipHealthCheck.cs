using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Playbound.Runtime.Membership;

/// <summary>
/// Ready when this silo is Active in the membership table and its last heartbeat write succeeded within half the
/// death timeout: past that the others may soon declare it dead, so it should take no new traffic.
/// </summary>
public sealed class MembershipHealthCheck(MembershipAgent agent, IOptions<MembershipOptions> options) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = agent.LocalStatus;
        var sinceHeartbeat = agent.SinceLastHeartbeat;
        var result = status != SiloStatus.Active
            ? HealthCheckResult.Unhealthy($"Silo {agent.LocalSilo} is {status?.ToString() ?? "not joined"} in the cluster.")
            : sinceHeartbeat > options.Value.DeathTimeout / 2
                ? HealthCheckResult.Unhealthy($"Silo {agent.LocalSilo} last heartbeat succeeded {sinceHeartbeat.TotalSeconds:F1} s ago.")
                : HealthCheckResult.Healthy($"Silo {agent.LocalSilo} is active; {agent.Current.ActiveSilos.Count} active silos.");
        return Task.FromResult(result);
    }
}
