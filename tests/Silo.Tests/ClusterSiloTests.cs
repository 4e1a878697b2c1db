using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Grains;
using Playbound.Hosting;
using Playbound.TestKit;
using Playbound.TestKit.Kafka;

namespace Playbound.Silo.Tests;

/// <summary>
/// The Silo host in cluster mode, in-process, against real servers: Redis (membership and grain state), PostgreSQL
/// (social stores) and the Kafka mock (events). Api nodes reach it as Orleans clients through <c>AddPlayboundGateway</c>.
/// </summary>
public sealed class ClusterSiloTests(KafkaMockFixture kafka) : IClassFixture<KafkaMockFixture>, IAsyncLifetime
{
    private readonly string _clusterId = "silo-tests-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _serviceId = "playbound-silo-tests-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Playbound.TestKit.Servers.TestRedis.DeleteKeysAsync(_serviceId + "/");

    [Fact]
    public async Task A_cluster_silo_joins_redis_membership_serves_a_client_keeps_state_in_redis_and_leaves_on_stop()
    {
        var ports = LoopbackPorts.NextRange(2);
        var silo = ClusterSilo(ports);
        await Readiness.WaitAsync(silo.CreateClient());

        var members = await TestRedis.MembershipAsync(_serviceId, _clusterId);
        var (address, status) = Assert.Single(members);
        Assert.Equal("Active", status);
        Assert.Contains($"127.0.0.1:{ports}", address);

        using (var client = await StartClientAsync())
        {
            var grains = client.Services.GetRequiredService<IGrainFactory>();
            var handle = "cl_" + Guid.NewGuid().ToString("N")[..10];
            var star = await grains.GetGrain<IAccountGrain>(handle).Register("Star", "hash");
            var fan = await grains.GetGrain<IAccountGrain>(handle + "_fan").Register("Fan", "hash");
            Assert.NotNull(star);
            Assert.Equal(handle, (await grains.GetGrain<IUserGrain>(star!).GetProfile())!.Handle);

            // A follow notifies the followee through the event stream: Kafka carried it.
            Assert.Equal(FollowOutcome.Done, await grains.GetGrain<IUserGrain>(fan!).Follow(star!));
            await Eventually.TrueAsync(
                async () => (await grains.GetGrain<INotificationGrain>(star!).GetPage(10, null)).Items.Any(n => n.ActorId == fan),
                "the follow notification came through Kafka");
            await client.StopAsync();
        }

        Assert.NotEmpty(await TestRedis.KeysAsync($"{_serviceId}/state/"));

        await silo.DisposeAsync();
        var after = await TestRedis.MembershipAsync(_serviceId, _clusterId);
        Assert.Equal("Dead", after[address]);
    }

    [Fact]
    public async Task Two_cluster_silos_find_each_other_through_redis_and_serve_grains_written_through_either()
    {
        await using var first = ClusterSilo(LoopbackPorts.NextRange(2), nodeId: 1);
        await using var second = ClusterSilo(LoopbackPorts.NextRange(2), nodeId: 2);
        await Readiness.WaitAsync(first.CreateClient());
        await Readiness.WaitAsync(second.CreateClient());
        await Eventually.TrueAsync(
            async () => (await TestRedis.MembershipAsync(_serviceId, _clusterId)).Values.Count(static s => s == "Active") == 2,
            "both silos are active in Redis membership");
        await Eventually.TrueAsync(
            async () => (await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
            "the first silo sees two active silos");

        // Accounts spread over both silos by placement: each is created through one silo and read through the other.
        var handles = Enumerable.Range(0, 10).Select(i => $"pair{i}_{_clusterId[^8..]}").ToArray();
        var ids = await Task.WhenAll(handles.Select(h => Grains(first).GetGrain<IAccountGrain>(h).Register(h.ToUpperInvariant(), "hash")));
        var profiles = await Task.WhenAll(ids.Select(id => Grains(second).GetGrain<IUserGrain>(id!).GetProfile()));

        Assert.Equal(handles, profiles.Select(static p => p!.Handle));
        Assert.Equal(ids, await Task.WhenAll(handles.Select(async h => (await Grains(second).GetGrain<IAccountGrain>(h).GetCredentials())!.UserId)));
    }

    private static IGrainFactory Grains(WebApplicationFactory<Program> silo) => silo.Services.GetRequiredService<IGrainFactory>();

    private Dictionary<string, string?> Settings() => new()
    {
        ["Playbound:Storage"] = "Postgres",
        ["ConnectionStrings:Postgres"] = TestPostgres.ConnectionString,
        ["ConnectionStrings:Redis"] = TestRedis.ConnectionString,
        ["Playbound:DataDir"] = Directory.CreateTempSubdirectory("playbound-silo-").FullName,
        ["Playbound:Cluster:Enabled"] = "true",
        ["Playbound:Cluster:ClusterId"] = _clusterId,
        ["Playbound:Cluster:ServiceId"] = _serviceId,
        ["Playbound:Cluster:AdvertisedHost"] = "127.0.0.1",
        ["Playbound:Streams:Kafka:BootstrapServers"] = kafka.BootstrapServers,
        ["Playbound:Streams:Kafka:Topic"] = kafka.Topic,
        ["Playbound:Streams:Kafka:Partitions"] = kafka.Partitions.ToString(CultureInfo.InvariantCulture),
        ["Playbound:Streams:Kafka:DeadLetterTopic"] = kafka.DeadLetterTopic,
        ["Playbound:Streams:Kafka:ConsumerGroupId"] = "silos-" + _clusterId,
    };

    private WebApplicationFactory<Program> ClusterSilo(int ports, int nodeId = 1)
    {
        var settings = Settings();
        settings["Playbound:NodeId"] = nodeId.ToString(CultureInfo.InvariantCulture);
        settings["Playbound:Cluster:SiloPort"] = ports.ToString(CultureInfo.InvariantCulture);
        settings["Playbound:Cluster:GatewayPort"] = (ports + 1).ToString(CultureInfo.InvariantCulture);
        return new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(s => s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        });
    }

    /// <summary>An Orleans client as an Api node in cluster mode builds it: gateways found through Redis membership.</summary>
    private async Task<IHost> StartClientAsync()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlayboundGateway();
        var client = builder.Build();
        await client.StartAsync();
        return client;
    }
}
