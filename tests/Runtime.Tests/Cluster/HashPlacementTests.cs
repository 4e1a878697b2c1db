using Playbound.Runtime.Activation;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Placement;

namespace Playbound.Runtime.Tests.Cluster;

public sealed class HashPlacementTests
{
    private static readonly SiloAddress A = new("10.0.0.1", 11111, 1);
    private static readonly SiloAddress B = new("10.0.0.2", 11111, 1);
    private static readonly SiloAddress C = new("10.0.0.3", 11111, 1);
    private static readonly MembershipSnapshot ThreeSilos = new(1, [A, B, C]);

    private static IEnumerable<GrainId> Ids(int count) => Enumerable.Range(0, count).Select(static i => new GrainId("user", $"u{i}"));

    [Fact]
    public void Two_instances_place_every_grain_on_the_same_silo()
    {
        var first = new HashPlacement();
        var second = new HashPlacement();
        Assert.All(Ids(1000), id => Assert.Equal(first.GetOwner(id, ThreeSilos), second.GetOwner(id, ThreeSilos)));
    }

    [Fact]
    public void Placement_is_pinned_so_every_process_and_runtime_version_agrees()
    {
        // Fixed expectations: a hash that changed between builds (or used string.GetHashCode) would split the
        // cluster into processes that disagree on owners.
        var placement = new HashPlacement();
        var owners = Ids(12).Select(id => ThreeSilos.ActiveSilos.ToList().IndexOf(placement.GetOwner(id, ThreeSilos)!));
        Assert.Equal(PinnedOwners, string.Join(",", owners));
    }

    [Fact]
    public void Thirty_thousand_grains_spread_roughly_evenly_over_three_silos()
    {
        var placement = new HashPlacement();
        var counts = Ids(30_000).GroupBy(id => placement.GetOwner(id, ThreeSilos)).ToDictionary(static g => g.Key!, static g => g.Count());
        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 9_000, 11_000));
    }

    [Fact]
    public void Removing_a_silo_moves_only_the_grains_it_owned()
    {
        var placement = new HashPlacement();
        var withoutB = new MembershipSnapshot(2, [A, C]);
        var moved = 0;
        foreach (var id in Ids(10_000))
        {
            var before = placement.GetOwner(id, ThreeSilos);
            var after = placement.GetOwner(id, withoutB);
            if (before != B)
            {
                Assert.Equal(before, after);
            }
            else
            {
                moved++;
                Assert.NotEqual(B, after);
            }
        }

        Assert.InRange(moved, 2_500, 4_200);
    }

    [Fact]
    public void A_silo_restarted_on_the_same_endpoint_owns_the_same_grains()
    {
        var placement = new HashPlacement();
        var restarted = new MembershipSnapshot(2, [A, B with { Generation = 2 }, C]);
        Assert.All(Ids(1000), id => Assert.Equal(
            placement.GetOwner(id, ThreeSilos)!.Port, placement.GetOwner(id, restarted)!.Port));
    }

    [Fact]
    public void No_active_silo_means_no_owner()
    {
        Assert.Null(new HashPlacement().GetOwner(new GrainId("user", "u1"), MembershipSnapshot.Empty));
    }

    [Fact]
    public void Stateless_workers_are_local_on_every_silo_and_hashed_from_a_gateway()
    {
        var cluster = new FakeCluster();
        var grainTypes = new GrainTypeManager([typeof(HashPlacementTests).Assembly]);
        var onB = new GrainLocator(cluster.Join(B), new HashPlacement(), grainTypes);
        var gateway = new GrainLocator(cluster.Join(null), new HashPlacement(), grainTypes);
        cluster.Publish([A, B, C]);

        foreach (var id in Enumerable.Range(0, 50).Select(static i => new GrainId("worker", $"w{i}")))
        {
            Assert.Equal(B, onB.OwnerOf(id, cluster.Latest));
            Assert.Contains(gateway.OwnerOf(id, cluster.Latest), ThreeSilos.ActiveSilos);
        }
    }

    private const string PinnedOwners = "0,2,2,2,1,1,1,1,0,0,1,1";
}
