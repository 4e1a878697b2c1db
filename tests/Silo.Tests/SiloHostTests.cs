using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Playbound.TestKit;

namespace Playbound.Silo.Tests;

public sealed class SiloHostTests
{
    [Fact]
    public async Task An_embedded_silo_with_its_social_store_on_postgres_is_ready_once_a_grain_call_round_trips()
    {
        using var factory = EmbeddedSilo(("Playbound:Storage", "Postgres"), ("ConnectionStrings:Postgres", TestPostgres.ConnectionString));

        await Readiness.WaitAsync(factory.CreateClient());
    }

    [Fact]
    public async Task An_embedded_silo_needs_no_servers_and_keeps_its_files_under_the_data_directory()
    {
        var dataDir = Directory.CreateTempSubdirectory("playbound-silo-").FullName;
        using var factory = EmbeddedSilo(("Playbound:DataDir", dataDir));

        await Readiness.WaitAsync(factory.CreateClient());
        Assert.True(File.Exists(Path.Combine(dataDir, "grains.db")), "grain state lives in DataDir/grains.db");
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_silo_whose_social_database_is_unreachable_is_live_but_not_ready()
    {
        using var factory = EmbeddedSilo(("Playbound:Storage", "Postgres"), ("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=2"));
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public void An_unknown_storage_kind_stops_the_silo_at_startup()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Playbound:Storage", "Redis"));

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("Sqlite or Postgres", error.Message);
    }

    [Fact]
    public void Cluster_mode_without_redis_stops_the_silo_at_startup()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Playbound:Storage", "Postgres")
            .UseSetting("ConnectionStrings:Postgres", TestPostgres.ConnectionString)
            .UseSetting("Playbound:Cluster:Enabled", "true"));

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("ConnectionStrings:Redis", error.Message);
    }

    /// <summary>The Silo host in embedded mode, on free ports (embedded mode listens on Orleans' defaults otherwise).</summary>
    private static WebApplicationFactory<Program> EmbeddedSilo(params (string Key, string Value)[] settings)
    {
        var withDataDir = settings.Any(static s => s.Key == "Playbound:DataDir")
            ? settings
            : [.. settings, ("Playbound:DataDir", Directory.CreateTempSubdirectory("playbound-silo-").FullName)];
        var port = LoopbackPorts.NextRange(2);
        return new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in withDataDir)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureServices(services => services.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (port, port + 1)));
        });
    }
}
