using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Membership;

namespace Playbound.Silo.Tests;

public sealed class SiloHostTests
{
    [Fact]
    public async Task A_silo_on_postgres_is_ready_once_a_grain_call_round_trips_through_the_database()
    {
        using var factory = SiloOn(TestPostgres.ConnectionString);

        var response = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_silo_whose_database_is_unreachable_is_live_but_not_ready()
    {
        using var factory = SiloOn("Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=2");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_silo_in_cluster_mode_is_ready_once_active_in_membership_and_sees_itself()
    {
        using var factory = SiloOn(TestPostgres.ConnectionString).WithWebHostBuilder(b => b
            .UseSetting("Playbound:Cluster:Enabled", "true")
            .UseSetting("Playbound:Cluster:AdvertisedHost", "silo-test")
            .UseSetting("Playbound:Cluster:SiloPort", "11999")
            .UseSetting("Playbound:Cluster:Membership:ClusterId", "silo-tests-" + Guid.NewGuid().ToString("N")));

        await Readiness.WaitAsync(factory.CreateClient());
        var membership = factory.Services.GetRequiredService<IClusterMembership>();
        Assert.Equal([membership.LocalSilo!], membership.Current.ActiveSilos);
        Assert.Equal(new SiloAddress("silo-test", 11999, membership.LocalSilo!.Generation), membership.LocalSilo);
    }

    [Fact]
    public void An_embedded_silo_has_no_cluster_membership()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Playbound:DataDir", Path.Combine(Path.GetTempPath(), "pb-silo-" + Guid.NewGuid().ToString("N"))));

        Assert.Null(factory.Services.GetService<IClusterMembership>());
    }

    [Fact]
    public void An_unknown_storage_kind_stops_the_silo_at_startup()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Playbound:Storage", "Redis"));

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("Sqlite or Postgres", error.Message);
    }

    private static WebApplicationFactory<Program> SiloOn(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Playbound:Storage", "Postgres")
            .UseSetting("ConnectionStrings:Postgres", connectionString));
}
