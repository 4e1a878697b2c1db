using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Api.Tests.Infrastructure;
using Playbound.Hosting;
using Playbound.Runtime.Membership;

namespace Playbound.Api.Tests;

/// <summary>The Api in cluster mode: a gateway that hosts no grains and calls a silo of the cluster for everything.</summary>
public sealed class ClusterGatewayTests
{
    private static readonly string PostgresConnectionString =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";

    [Fact]
    public async Task A_gateway_Api_serves_the_REST_contract_through_a_silo_of_the_cluster()
    {
        var cluster = Settings("gateway-" + Guid.NewGuid().ToString("N"));
        using var silo = await StartSiloAsync(cluster);
        using var api = new PlayboundApiFactory(cluster);

        var (alice, bob) = (await api.NewClient().RegisterAsync(), await api.NewClient().RegisterAsync());
        await bob.FollowAsync(alice);
        var post = await alice.CreatePostAsync("hello from the cluster");

        Assert.Null(api.Services.GetRequiredService<IClusterMembership>().LocalSilo);
        Assert.Equal(alice.Handle, (await bob.GetJsonAsync($"/api/v1/users/{alice.UserId}")).GetProperty("handle").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.NewClient().GetAsync("/health/ready")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await bob.GetJsonAsync("/api/v1/feed")).GetProperty("items").EnumerateArray()
            .Any(p => p.GetProperty("postId").GetString() == post.GetProperty("postId").GetString()))
        {
            Assert.True(DateTime.UtcNow < deadline, "the post should reach the follower's feed through the silo's fan-out");
            await Task.Delay(50);
        }
    }

    private static Dictionary<string, string?> Settings(string clusterId) => new()
    {
        ["Playbound:Storage"] = "Postgres",
        ["ConnectionStrings:Postgres"] = PostgresConnectionString,
        ["Playbound:Cluster:Enabled"] = "true",
        ["Playbound:Cluster:Membership:ClusterId"] = clusterId,
        ["Playbound:Cluster:Membership:RefreshInterval"] = "00:00:00.100",
    };

    private static async Task<IHost> StartSiloAsync(Dictionary<string, string?> cluster)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(cluster);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Playbound:Cluster:AdvertisedHost"] = "127.0.0.1",
            ["Playbound:Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
            ["Playbound:NodeId"] = "7",
        });
        builder.AddPlayboundSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
