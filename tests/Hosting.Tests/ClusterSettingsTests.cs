using Microsoft.Extensions.Configuration;

namespace Playbound.Hosting.Tests;

public sealed class ClusterSettingsTests
{
    private static readonly StorageSettings Postgres = new(StorageKind.Postgres, "./data", "Host=db");

    [Fact]
    public void Without_configuration_cluster_mode_is_off_with_the_default_port_and_the_machine_name()
    {
        var settings = ClusterSettings.From(Configuration(), new StorageSettings(StorageKind.Sqlite, "./data", null));

        Assert.Equal(new ClusterSettings(false, Environment.MachineName, ClusterSettings.DefaultSiloPort), settings);
    }

    [Fact]
    public void Cluster_mode_takes_the_advertised_host_and_silo_port()
    {
        var settings = ClusterSettings.From(Configuration(
            ("Playbound:Cluster:Enabled", "true"), ("Playbound:Cluster:AdvertisedHost", "silo-0.silo"), ("Playbound:Cluster:SiloPort", "12000")),
            Postgres);

        Assert.Equal(new ClusterSettings(true, "silo-0.silo", 12000), settings);
    }

    [Fact]
    public void Cluster_mode_on_sqlite_fails_at_startup_asking_for_postgres()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(
            Configuration(("Playbound:Cluster:Enabled", "true")), new StorageSettings(StorageKind.Sqlite, "./data", null)));

        Assert.Contains("Playbound:Storage=Postgres", error.Message);
    }

    [Theory]
    [InlineData("Playbound:Cluster:Enabled", "yes")]
    [InlineData("Playbound:Cluster:SiloPort", "port")]
    [InlineData("Playbound:Cluster:SiloPort", "70000")]
    public void An_unparsable_cluster_setting_fails_at_startup_naming_the_key(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSettings.From(Configuration((key, value)), Postgres));

        Assert.Contains(key, error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
