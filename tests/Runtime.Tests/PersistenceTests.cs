using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Tests.Storage;
using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

public sealed class PersistenceTests
{
    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task State_survives_a_full_host_restart(StorageKind storage)
    {
        var database = TestDatabases.NewName();
        var key = $"restart-{Guid.NewGuid():N}";
        await using (var first = await TestSilo.StartAsync(o => { o.Storage = storage; o.Database = database; }))
        {
            await first.Grains.GetGrain<ICounterGrain>(key).Add(41);
        }

        await using var second = await TestSilo.StartAsync(o => { o.Storage = storage; o.Database = database; });
        var grain = second.Grains.GetGrain<ICounterGrain>(key);
        Assert.Equal(42, await grain.Add(1));
        Assert.Equal(2, await grain.Activations());
    }

    [Theory]
    [InlineData(StorageKind.Memory)]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_write_from_a_stale_activation_fails_leaves_storage_untouched_and_the_grain_reloads(StorageKind storage)
    {
        // Two silos on one database stand for the moment during a membership change when a grain is active twice.
        var database = TestDatabases.NewName();
        var key = $"stale-{Guid.NewGuid():N}";
        await using var stale = await TestSilo.StartAsync(o => { o.Storage = storage; o.Database = database; });
        await using var current = storage == StorageKind.Memory
            ? null
            : await TestSilo.StartAsync(o => { o.Storage = storage; o.Database = database; });
        var staleGrain = stale.Grains.GetGrain<ICounterGrain>(key);
        await staleGrain.Add(1);

        if (current is null)
        {
            // One memory store: the second writer is the storage provider itself, behind the activation's back.
            await BumpBehindTheGrainsBack(stale, key);
        }
        else
        {
            Assert.Equal(101, await current.Grains.GetGrain<ICounterGrain>(key).Add(100));
        }

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => staleGrain.Add(1000));
        Assert.Contains(key, error.Message);

        // The failed write changed nothing, and the stale activation was dropped: the next call reads the winner's state.
        Assert.Equal(101, await staleGrain.Get());
    }

    private static async Task BumpBehindTheGrainsBack(TestSilo silo, string key)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var state = new TestGrainState<Grains.CounterState>(new Grains.CounterState());
        var id = new GrainId("counter", key);
        await storage.ReadStateAsync("counter", id, state, CancellationToken.None);
        state.State = state.State with { Value = state.State.Value + 100 };
        await storage.WriteStateAsync("counter", id, state, [], CancellationToken.None);
    }
}
