using Orleans.Placement;

namespace Playbound.Engine.Bench;

[Alias("bench.IPingGrain")]
public interface IPingGrain : IGrainWithStringKey
{
    [Alias("Ping")]
    Task<int> Ping(int value);
}

[Alias("bench.IStoreGrain")]
public interface IStoreGrain : IGrainWithStringKey
{
    [Alias("Read")]
    Task<int> Read();

    [Alias("Write")]
    Task Write(int value);
}

/// <summary>About 200 bytes of state, as in the in-tree runtime's benchmark.</summary>
[GenerateSerializer, Alias("bench.store-state")]
public sealed class StoreState
{
    [Id(0)] public int Value { get; set; }

    [Id(1)] public string Text { get; set; } = new('x', 180);
}

/// <summary>Activated on the silo that first calls it, so a benchmark decides where its targets live.</summary>
[PreferLocalPlacement]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value);
}

public sealed class StoreGrain([PersistentState("store")] IPersistentState<StoreState> store) : Grain, IStoreGrain
{
    public Task<int> Read() => Task.FromResult(store.State.Value);

    public Task Write(int value)
    {
        store.State.Value = value;
        return store.WriteStateAsync();
    }
}
