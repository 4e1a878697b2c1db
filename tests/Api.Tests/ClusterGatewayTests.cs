using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Api.Tests.Infrastructure;
using Playbound.HubClient;
using Playbound.Hosting;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Tests.Infrastructure;
using HubConnection = Playbound.HubClient.HubClient;

namespace Playbound.Api.Tests;

/// <summary>The Api in cluster mode: a gateway that hosts no grains and calls a silo of the cluster for everything.</summary>
public sealed class ClusterGatewayTests
{
    private static readonly string PostgresConnectionString =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";

    [Fact]
    public async Task A_gateway_Api_serves_REST_and_live_pushes_through_a_silo_of_the_cluster()
    {
        var cluster = Settings("gateway-" + Guid.NewGuid().ToString("N"));
        using var silo = await StartSiloAsync(cluster);
        using var api = new PlayboundApiFactory(cluster);
        api.UseKestrel(0);
        api.StartServer();

        var (alice, bob) = (await api.NewClient().RegisterAsync(), await api.NewClient().RegisterAsync());
        await bob.FollowAsync(alice);
        await using var bobLive = new HubConnection();
        await bobLive.ConnectAsync(new Uri(api.ClientOptions.BaseAddress, "/hubs/feed"), bob.AccessToken);
        using var pushed = bobLive.Subscribe<JsonElement>("feedPost");
        var post = await WhenSiloSeesBobOnlineAsync(alice, pushed);

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

    // The silo learns who is online from the node's presence messages, so the first post may race bob's arrival there.
    private static async Task<JsonElement> WhenSiloSeesBobOnlineAsync(ApiClient alice, HubSubscription<JsonElement> pushed)
    {
        for (var attempt = 0; ; attempt++)
        {
            var post = await alice.CreatePostAsync($"hello from the cluster #{attempt}");
            try
            {
                var received = await pushed.ReadAsync(TimeSpan.FromSeconds(2));
                Assert.Equal(post.GetProperty("postId").GetString(), received.GetProperty("postId").GetString());
                return post;
            }
            catch (TimeoutException) when (attempt < 10)
            {
            }
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
            ["Playbound:Cluster:SiloPort"] = LoopbackPorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Playbound:NodeId"] = "7",
        });
        builder.AddPlayboundSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
