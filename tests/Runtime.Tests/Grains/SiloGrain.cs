using Playbound.Runtime.Membership;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Grains;

public interface ISiloGrain : IGrainWithStringKey
{
    /// <summary>The port of the silo this activation runs on: proves where a call ran.</summary>
    Task<int> SiloPort();

    /// <summary>Adds to a persisted total and returns it.</summary>
    Task<int> Add(int amount);
}

public sealed record SiloGrainState
{
    public int Total { get; init; }
}

/// <summary>Reports where it runs, and keeps a persisted total that must survive a move to another silo.</summary>
public sealed class SiloGrain(
    [PersistentState("total")] IPersistentState<SiloGrainState> state, IClusterMembership membership, Probe probe) : Grain, ISiloGrain
{
    public Task<int> SiloPort() => Task.FromResult(membership.LocalSilo!.Port);

    public async Task<int> Add(int amount)
    {
        state.State = state.State with { Total = state.State.Total + amount };
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Increment($"silo.deactivated.{reason}.{membership.LocalSilo!.Port}");
        return Task.CompletedTask;
    }
}
