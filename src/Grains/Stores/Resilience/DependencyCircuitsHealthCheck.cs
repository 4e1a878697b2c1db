using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>
/// Unhealthy while any dependency circuit is open, naming the open ones: the process would fail the requests it took.
/// The hosts register it with their readiness tag (<c>ready</c>), so <c>/health/ready</c> reflects it and
/// <c>/health/live</c> does not: restarting the process would not bring the dependency back.
/// </summary>
public sealed class DependencyCircuitsHealthCheck(DependencyCircuits circuits) : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "dependencies";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var states = circuits.All.OrderBy(circuit => circuit.Name, StringComparer.Ordinal)
            .ToDictionary(circuit => circuit.Name, circuit => (object)(circuit.IsOpen ? "open" : "closed"));
        var open = states.Where(state => (string)state.Value == "open").Select(state => state.Key).ToList();
        var result = open.Count > 0
            ? HealthCheckResult.Unhealthy($"Circuits open: {string.Join(", ", open)}.", data: states)
            : HealthCheckResult.Healthy("All dependency circuits are closed.", states);
        return Task.FromResult(result);
    }
}
