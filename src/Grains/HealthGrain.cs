using Playbound.Runtime;

namespace Playbound.Grains;

/// <summary>The persisted heartbeat behind <see cref="IHealthGrain"/>.</summary>
public sealed record HealthState
{
    /// <summary>Heartbeats written so far.</summary>
    public long Heartbeats { get; init; }

    /// <summary>When the last heartbeat was written.</summary>
    public DateTimeOffset LastCheckedAt { get; init; }
}

/// <summary>Writes a heartbeat and reads it back, so a readiness probe exercises activation and storage.</summary>
public sealed class HealthGrain([PersistentState("health")] IPersistentState<HealthState> state, TimeProvider time)
    : Grain, IHealthGrain
{
    /// <inheritdoc />
    public async Task<HealthReport> Check()
    {
        state.State = new HealthState { Heartbeats = state.State.Heartbeats + 1, LastCheckedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        await state.ReadStateAsync();
        return new HealthReport(GetPrimaryKeyString(), state.State.LastCheckedAt, state.State.Heartbeats);
    }
}
