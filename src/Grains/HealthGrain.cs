using Orleans.Runtime;
using Playbound.Grains.Stores;

namespace Playbound.Grains;

/// <summary>The persisted heartbeat behind <see cref="IHealthGrain"/>.</summary>
[GenerateSerializer, Alias("playbound.HealthState")]
public sealed record HealthState
{
    /// <summary>Heartbeats written so far.</summary>
    [Id(0)] public long Heartbeats { get; init; }

    /// <summary>When the last heartbeat was written.</summary>
    [Id(1)] public DateTimeOffset LastCheckedAt { get; init; }
}

/// <summary>
/// Writes a heartbeat and reads it back, and reads from the social store, so a readiness probe exercises activation,
/// grain storage and the social store's database (through its circuit) alike: grain state and the social store live
/// in different places (SQLite/Redis and SQLite/PostgreSQL), and either being away makes the silo unready.
/// </summary>
public sealed class HealthGrain(
    [PersistentState("health")] IPersistentState<HealthState> state, IUserDirectory directory, TimeProvider time)
    : Grain, IHealthGrain
{
    /// <summary>A well-formed user id (a positive 64-bit integer) no generated id can be: one indexed miss to read.</summary>
    private const string NoUser = "1";

    /// <inheritdoc />
    public async Task<HealthReport> Check()
    {
        state.State = new HealthState { Heartbeats = state.State.Heartbeats + 1, LastCheckedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await state.ReadStateAsync();
        await directory.GetCountsAsync(NoUser, CancellationToken.None);
        return new HealthReport(this.GetPrimaryKeyString(), state.State.LastCheckedAt, state.State.Heartbeats);
    }
}
