
namespace Playbound.Grains;

/// <summary>
/// Proves the silo works end to end for readiness probes: a call activates a grain, which writes and reads its
/// state through the default storage provider.
/// </summary>
[Alias("playbound.IHealthGrain")]
public interface IHealthGrain : IGrainWithStringKey
{
    /// <summary>Writes a heartbeat to storage and reads it back.</summary>
    [Alias("Check")]
    Task<HealthReport> Check();
}

/// <summary>The outcome of a health check.</summary>
/// <param name="Silo">The grain key, naming the checking silo.</param>
/// <param name="CheckedAt">When the heartbeat was written.</param>
/// <param name="Heartbeats">How many heartbeats this silo wrote, across restarts.</param>
[GenerateSerializer, Alias("playbound.HealthReport")]
public sealed record HealthReport([property: Id(0)] string Silo, [property: Id(1)] DateTimeOffset CheckedAt, [property: Id(2)] long Heartbeats);
