using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Cluster;

public sealed class OwnershipMoveTests : IAsyncLifetime
{
    private readonly FakeCluster _cluster = new();
    private readonly Probe _probe = new();
    private ClusterNode[] _silos = [];

    private ClusterNode A => _silos[0];

    private ClusterNode B => _silos[1];

    public async Task InitializeAsync()
    {
        // One SQLite database for both silos: state written on B is what A reads after the move.
        var database = TestDatabases.NewName();
        _silos = await ClusterKeys.StartSilosAsync(_cluster, 2, () => new ClusterNodeOptions
        {
            Storage = StorageKind.Sqlite,
            Database = database,
            Probe = _probe,
        });
    }

    public Task DisposeAsync() => ClusterKeys.StopAllAsync(_silos);

    [Fact]
    public async Task A_grain_whose_silo_leaves_deactivates_there_and_reactivates_at_the_new_owner_with_its_state()
    {
        var key = ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest);
        Assert.Equal(5, await A.Grains.GetGrain<ISiloGrain>(key).Add(5));
        Assert.Equal(B.Silo!.Port, await A.Grains.GetGrain<ISiloGrain>(key).SiloPort());

        _cluster.Publish([A.Silo!]);
        await Eventually.TrueAsync(
            () => _probe.Count($"silo.deactivated.{DeactivationReason.OwnershipMoved}.{B.Silo!.Port}") == 1,
            "B deactivated the grain it no longer owns");

        Assert.Equal(A.Silo!.Port, await A.Grains.GetGrain<ISiloGrain>(key).SiloPort());
        Assert.Equal(6, await B.Grains.GetGrain<ISiloGrain>(key).Add(1));
    }

    [Fact]
    public async Task A_call_from_a_stale_view_is_answered_not_owner_and_retried_at_the_new_owner()
    {
        await using var gateway = await ClusterNode.StartGatewayAsync(_cluster);
        var key = ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest);
        Assert.Equal(3, await gateway.Grains.GetGrain<ISiloGrain>(key).Add(3));

        // The silos learn that B left; the gateway still routes to B until it catches up a little later.
        _cluster.Publish([A.Silo!], A.Membership, B.Membership);
        var catchUp = Task.Delay(300).ContinueWith(_ => _cluster.CatchUp(gateway.Membership), TaskScheduler.Default);

        Assert.Equal(4, await gateway.Grains.GetGrain<ISiloGrain>(key).Add(1));
        Assert.Equal(A.Silo!.Port, await gateway.Grains.GetGrain<ISiloGrain>(key).SiloPort());
        await catchUp;
        Assert.DoesNotContain(B.Services.GetRequiredService<Activation.Catalog>().Activations(), a => a.GrainId.Key == key);
    }

    [Fact]
    public async Task Calls_right_after_the_move_run_at_the_new_owner_and_lose_no_update()
    {
        var key = ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest);
        var grain = A.Grains.GetGrain<ISiloGrain>(key);
        await grain.Add(1);

        _cluster.Publish([A.Silo!]);
        var totals = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.Add(1)));

        Assert.Equal(51, totals.Max());
        Assert.Equal(A.Silo!.Port, await grain.SiloPort());
        Assert.Equal(0, B.Services.GetRequiredService<Activation.Catalog>().Activations().Count(a => a.GrainId.Key == key));
    }
}
