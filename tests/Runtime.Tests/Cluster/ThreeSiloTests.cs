using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Cluster;

public sealed class ThreeSiloTests
{
    [Fact]
    public async Task Every_silo_reaches_every_other_and_a_leaving_silo_moves_only_its_own_grains()
    {
        var cluster = new FakeCluster();
        var probe = new Probe();
        var database = TestDatabases.NewName();
        var silos = await ClusterKeys.StartSilosAsync(cluster, 3, () => new ClusterNodeOptions
        {
            Storage = StorageKind.Sqlite,
            Database = database,
            Probe = probe,
        });
        try
        {
            var keys = silos.Select(owner => ClusterKeys.OwnedBy(owner.Silo!, cluster.Latest)).ToArray();
            foreach (var caller in silos)
            {
                for (var i = 0; i < silos.Length; i++)
                {
                    Assert.Equal(silos[i].Silo!.Port, await caller.Grains.GetGrain<ISiloGrain>(keys[i]).SiloPort());
                }
            }

            cluster.Publish([silos[0].Silo!, silos[1].Silo!]);
            await Eventually.TrueAsync(
                () => probe.Count($"silo.deactivated.{DeactivationReason.OwnershipMoved}.{silos[2].Silo!.Port}") == 1,
                "the third silo gave up its grain");

            Assert.Equal(silos[0].Silo!.Port, await silos[2].Grains.GetGrain<ISiloGrain>(keys[0]).SiloPort());
            Assert.Equal(silos[1].Silo!.Port, await silos[2].Grains.GetGrain<ISiloGrain>(keys[1]).SiloPort());
            Assert.NotEqual(silos[2].Silo!.Port, await silos[0].Grains.GetGrain<ISiloGrain>(keys[2]).SiloPort());
            Assert.Equal(0, probe.Count($"silo.deactivated.{DeactivationReason.OwnershipMoved}.{silos[0].Silo!.Port}"));
            Assert.Equal(0, probe.Count($"silo.deactivated.{DeactivationReason.OwnershipMoved}.{silos[1].Silo!.Port}"));
        }
        finally
        {
            await ClusterKeys.StopAllAsync(silos);
        }
    }
}
