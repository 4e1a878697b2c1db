using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using Playbound.Persistence.Sqlite;

namespace Playbound.Persistence.Sqlite.Tests;

/// <summary>A counter whose count lives in the silo's default grain storage.</summary>
[Alias("playbound.tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("Increment")]
    Task<int> Increment();

    [Alias("Get")]
    Task<int> Get();
}

/// <summary>The counter's persisted state.</summary>
[GenerateSerializer, Alias("playbound.tests.counter-state")]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }
}

internal sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        counter.State.Count++;
        await counter.WriteStateAsync();
        return counter.State.Count;
    }

    public Task<int> Get() => Task.FromResult(counter.State.Count);
}

public sealed class SiloGrainStorageTests : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "playbound-tests", $"silo-{Guid.NewGuid():N}.db");
    private InProcessTestCluster _cluster = null!;

    [Fact]
    public async Task A_grain_reactivated_on_either_silo_finds_the_state_it_wrote()
    {
        var counter = _cluster.Client.GetGrain<ICounterGrain>("visits");
        for (var i = 0; i < 5; i++)
        {
            await counter.Increment();
        }

        await _cluster.DeactivateAsync(counter);

        Assert.Equal(5, await counter.Get());
        Assert.Equal(6, await counter.Increment());
    }

    [Fact]
    public async Task A_silo_restarted_over_the_same_file_finds_every_grain_state()
    {
        var counters = Enumerable.Range(0, 40).Select(i => _cluster.Client.GetGrain<ICounterGrain>($"c{i}")).ToList();
        await Task.WhenAll(counters.Select(c => c.Increment()));
        await _cluster.DisposeAsync();

        _cluster = await StartClusterAsync();
        counters = Enumerable.Range(0, 40).Select(i => _cluster.Client.GetGrain<ICounterGrain>($"c{i}")).ToList();
        Assert.All(await Task.WhenAll(counters.Select(c => c.Get())), count => Assert.Equal(1, count));
    }

    public async Task InitializeAsync() => _cluster = await StartClusterAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGrainStorageAsDefault(o => o.DatabasePath = _databasePath));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
