using Playbound.Runtime.Membership;
using Playbound.Runtime.Placement;

namespace Playbound.Runtime.Tests.Cluster;

/// <summary>Helpers shared by the cluster tests.</summary>
public static class ClusterKeys
{
    /// <summary>A fresh grain key of type <paramref name="grainType"/> that <paramref name="owner"/> owns in <paramref name="snapshot"/>.</summary>
    public static string OwnedBy(SiloAddress owner, MembershipSnapshot snapshot, string grainType = "silo", string prefix = "k")
    {
        var placement = new HashPlacement();
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}-{Guid.NewGuid():N}-{i}";
            if (placement.GetOwner(new GrainId(grainType, key), snapshot) == owner)
            {
                return key;
            }
        }
    }

    /// <summary>Starts <paramref name="count"/> silos and publishes them all as active.</summary>
    public static async Task<ClusterNode[]> StartSilosAsync(FakeCluster cluster, int count, Func<ClusterNodeOptions>? options = null)
    {
        var silos = new ClusterNode[count];
        for (var i = 0; i < count; i++)
        {
            silos[i] = await ClusterNode.StartSiloAsync(cluster, options?.Invoke());
        }

        cluster.Publish(silos.Select(static s => s.Silo!));
        return silos;
    }

    public static async Task StopAllAsync(IEnumerable<ClusterNode> silos)
    {
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
    }
}
