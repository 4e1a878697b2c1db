using Playbound.Runtime;

namespace Playbound.Benchmarks;

public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);
}

/// <summary>The cheapest possible grain: measures the runtime's own cost per call.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);
}

public interface IStoreGrain : IGrainWithStringKey
{
    Task Write(int value);

    Task<int> Read();
}

public sealed record StoreState
{
    public int Value { get; init; }

    public string Payload { get; init; } = "";
}

/// <summary>Writes a ~200-byte state per call: measures storage through the whole grain path.</summary>
public sealed class StoreGrain([PersistentState("store")] IPersistentState<StoreState> state) : Grain, IStoreGrain
{
    private static readonly string Payload = new('x', 160);

    public Task Write(int value)
    {
        state.State = new StoreState { Value = value, Payload = Payload };
        return state.WriteStateAsync();
    }

    public Task<int> Read() => Task.FromResult(state.State.Value);
}
