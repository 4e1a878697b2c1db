using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Add(int amount);

    [ReadOnly]
    Task<int> Get();

    Task<int> Activations();

    Task Deactivate();
}

public sealed record CounterState
{
    public int Value { get; init; }

    public int Activations { get; init; }
}

/// <summary>A persisted counter that also counts its own activations, to show state outliving activations.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, Probe probe) : Grain, ICounterGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment("counter.activations");
        state.State = state.State with { Activations = state.State.Activations + 1 };
        await state.WriteStateAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Increment($"counter.deactivated.{reason}");
        return Task.CompletedTask;
    }

    public async Task<int> Add(int amount)
    {
        state.State = state.State with { Value = state.State.Value + amount };
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task<int> Activations() => Task.FromResult(state.State.Activations);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
