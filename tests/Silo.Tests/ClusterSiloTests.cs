using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains;
using Playbound.Runtime;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Silo.Tests;

/// <summary>Two silo hosts in cluster mode: PostgreSQL membership and the TCP transport together, as the Silo host wires them.</summary>
public sealed class ClusterSiloTests
{
    [Fact]
    public async Task Two_silos_see_each_other_and_serve_grains_written_through_either_of_them()
    {
        var clusterId = "silo-pair-" + Guid.NewGuid().ToString("N");
        using var first = ClusterSilo(clusterId, nodeId: 1);
        using var second = ClusterSilo(clusterId, nodeId: 2);
        await Readiness.WaitAsync(first.CreateClient());
        await Readiness.WaitAsync(second.CreateClient());
        await EventuallyBothSeeTwoSilosAsync(first, second);

        // Twenty accounts spread over both silos by hash: each is created through one silo and read through the other.
        var handles = Enumerable.Range(0, 20).Select(i => $"pair{i}_{clusterId[^8..]}").ToArray();
        var ids = await Task.WhenAll(handles.Select(h => Grains(first).GetGrain<IAccountGrain>(h).Register(h.ToUpperInvariant(), "hash")));
        var profiles = await Task.WhenAll(ids.Select(id => Grains(second).GetGrain<IUserGrain>(id!).GetProfile()));

        Assert.Equal(handles, profiles.Select(static p => p!.Handle));
        Assert.Equal(ids, await Task.WhenAll(handles.Select(async h => (await Grains(second).GetGrain<IAccountGrain>(h).GetCredentials())!.UserId)));
    }

    private static IGrainFactory Grains(WebApplicationFactory<Program> silo) => silo.Services.GetRequiredService<IGrainFactory>();

    private static async Task EventuallyBothSeeTwoSilosAsync(params WebApplicationFactory<Program>[] silos)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!silos.All(s => s.Services.GetRequiredService<IClusterMembership>().Current.ActiveSilos.Count == 2))
        {
            Assert.True(DateTime.UtcNow < deadline, "both silos should see two active silos within 30 s");
            await Task.Delay(50);
        }
    }

    private static WebApplicationFactory<Program> ClusterSilo(string clusterId, int nodeId) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Playbound:Storage", "Postgres")
            .UseSetting("ConnectionStrings:Postgres", TestPostgres.ConnectionString)
            .UseSetting("Playbound:NodeId", nodeId.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Playbound:Cluster:Enabled", "true")
            .UseSetting("Playbound:Cluster:AdvertisedHost", "127.0.0.1")
            .UseSetting("Playbound:Cluster:SiloPort", LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture))
            .UseSetting("Playbound:Cluster:Membership:ClusterId", clusterId)
            .UseSetting("Playbound:Cluster:Membership:HeartbeatInterval", "00:00:00.200")
            .UseSetting("Playbound:Cluster:Membership:DeathTimeout", "00:00:03")
            .UseSetting("Playbound:Cluster:Membership:RefreshInterval", "00:00:00.100"));
}
