using Microsoft.Extensions.Configuration;

namespace Playbound.Hosting.Tests;

public sealed class ClusterSettingsTests
{
    private static readonly StorageSettings Postgres = new(StorageKind.Postgres, "./data", "Host=db");
    private static readonly StorageSettings Sqlite = new(StorageKind.Sqlite, "./data", null);

    [Fact]
    public void Without_configuration_cluster_mode_is_off_with_orleans_default_ports_ids_and_the_machine_name()
    {
        var settings = ClusterSettings.From(Configuration(), Sqlite);

        Assert.Equal(
            (false, ClusterSettings.DefaultId, ClusterSettings.DefaultId, Environment.MachineName, 11111, 30000, (string?)null, false),
            Values(settings));
    }

    [Fact]
    public void Cluster_mode_takes_ids_the_advertised_host_ports_and_redis()
    {
        var settings = ClusterSettings.From(
            Configuration(
                ("Playbound:Cluster:Enabled", "true"),
                ("Playbound:Cluster:ClusterId", "prod-blue"),
                ("Playbound:Cluster:ServiceId", "playbound-social"),
                ("Playbound:Cluster:AdvertisedHost", "silo-0.silo"),
                ("Playbound:Cluster:SiloPort", "12000"),
                ("Playbound:Cluster:GatewayPort", "31000"),
                ("Playbound:Cluster:Kubernetes", "true"),
                ("ConnectionStrings:Redis", "redis:6379")),
            Postgres);

        Assert.Equal((true, "prod-blue", "playbound-social", "silo-0.silo", 12000, 31000, (string?)"redis:6379", true), Values(settings));
    }

    [Fact]
    public void Cluster_mode_on_sqlite_fails_at_startup_asking_for_postgres()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(
            Configuration(("Playbound:Cluster:Enabled", "true"), ("ConnectionStrings:Redis", "redis:6379")), Sqlite));

        Assert.Contains("Playbound:Storage=Postgres", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Cluster_mode_without_redis_fails_at_startup_asking_for_it(string? redis)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(
            Configuration(("Playbound:Cluster:Enabled", "true"), ("ConnectionStrings:Redis", redis)), Postgres));

        Assert.Contains("ConnectionStrings:Redis", error.Message);
    }

    [Fact]
    public void Embedded_mode_needs_no_redis_and_keeps_one_if_given()
    {
        Assert.Null(ClusterSettings.From(Configuration(("Playbound:Cluster:Enabled", "false")), Sqlite).Redis);
        Assert.Equal("redis:6379", ClusterSettings.From(Configuration(("ConnectionStrings:Redis", "redis:6379")), Sqlite).Redis);
    }

    [Fact]
    public void Blank_ids_and_host_fall_back_to_their_defaults()
    {
        var settings = ClusterSettings.From(
            Configuration(("Playbound:Cluster:ClusterId", ""), ("Playbound:Cluster:ServiceId", ""), ("Playbound:Cluster:AdvertisedHost", " ")),
            Sqlite);

        Assert.Equal((ClusterSettings.DefaultId, ClusterSettings.DefaultId, Environment.MachineName), (settings.ClusterId, settings.ServiceId, settings.AdvertisedHost));
    }

    [Theory]
    [InlineData("Playbound:Cluster:Enabled", "yes")]
    [InlineData("Playbound:Cluster:Kubernetes", "maybe")]
    [InlineData("Playbound:Cluster:SiloPort", "port")]
    [InlineData("Playbound:Cluster:SiloPort", "70000")]
    [InlineData("Playbound:Cluster:SiloPort", "0")]
    [InlineData("Playbound:Cluster:GatewayPort", "-1")]
    [InlineData("Playbound:Cluster:GatewayPort", "65536")]
    public void An_unusable_cluster_setting_fails_at_startup_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(
            Configuration((key, value), ("ConnectionStrings:Redis", "redis:6379")), Postgres));

        Assert.Contains(key, error.Message);
    }

    private static (bool, string, string, string, int, int, string?, bool) Values(ClusterSettings s) =>
        (s.Enabled, s.ClusterId, s.ServiceId, s.AdvertisedHost, s.SiloPort, s.GatewayPort, s.Redis, s.Kubernetes);

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();
}
