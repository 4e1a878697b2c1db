using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Grains;
using Playbound.TestKit;

namespace Playbound.Hosting.Tests;

/// <summary><c>AddPlayboundSilo</c> in embedded mode (the default): one silo whose state, events and social store are SQLite files under DataDir.</summary>
public sealed class EmbeddedSiloTests
{
    [Fact]
    public async Task An_embedded_silo_serves_grains_with_its_sqlite_files_under_the_data_directory_and_is_ready()
    {
        var dataDir = Path.Combine(Directory.CreateTempSubdirectory("playbound-hosting-").FullName, "nested");
        using var host = Build(("Playbound:DataDir", dataDir));
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var handle = "embed_" + Guid.NewGuid().ToString("N")[..8];
            var author = await grains.GetGrain<IAccountGrain>(handle).Register("Embedded", "hash");
            var reader = await grains.GetGrain<IAccountGrain>(handle + "_r").Register("Reader", "hash");
            Assert.Equal(FollowOutcome.Done, await grains.GetGrain<IUserGrain>(reader!).Follow(author!));
            var post = await grains.GetGrain<IUserPostsGrain>(author!).Publish("through the embedded queue", null);

            // The post reaches the follower's feed through the event queue, so state, events and the social store all work.
            await Eventually.TrueAsync(
                async () => (await grains.GetGrain<IFeedGrain>(reader!).GetPage(10, null)).Items.Any(p => p.PostId == post.PostId),
                "the post reached the follower's feed");
            Assert.Equal(
                ["events.db", "feeds.db", "grains.db", "reminders.db", "social.db"],
                Directory.GetFiles(dataDir).Select(Path.GetFileName).Where(static f => f!.EndsWith(".db", StringComparison.Ordinal)).Order());

            var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(ServiceDefaultsExtensions.ReadyTag));
            Assert.Equal(HealthStatus.Healthy, health.Status);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void An_embedded_silo_on_postgres_without_a_connection_string_fails_at_build()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(("Playbound:Storage", "Postgres")));

        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Embedded mode listens on Playbound:Cluster:SiloPort and :GatewayPort (Orleans' defaults), which another silo
        // on this machine may hold: free ones, through the same settings an operator would use.
        var port = LoopbackPorts.NextRange(2);
        builder.Configuration.AddInMemoryCollection(
        [
            KeyValuePair.Create("Playbound:Cluster:SiloPort", (string?)port.ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("Playbound:Cluster:GatewayPort", (string?)(port + 1).ToString(CultureInfo.InvariantCulture)),
            .. settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)),
        ]);
        builder.AddPlayboundSilo();
        return builder.Build();
    }
}
