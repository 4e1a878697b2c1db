using Microsoft.Extensions.Configuration;

namespace Playbound.Hosting.Tests;

public sealed class StorageSettingsTests
{
    [Fact]
    public void Without_configuration_the_silo_uses_sqlite_under_the_data_directory()
    {
        var settings = StorageSettings.From(Configuration());

        Assert.Equal(new StorageSettings(StorageKind.Sqlite, "./data", null), settings);
    }

    [Fact]
    public void Storage_kind_is_case_insensitive_and_postgres_takes_its_connection_string()
    {
        var settings = StorageSettings.From(Configuration(
            ("Playbound:Storage", "postgres"), ("ConnectionStrings:Postgres", "Host=db"), ("Playbound:DataDir", "/var/lib/playbound")));

        Assert.Equal(new StorageSettings(StorageKind.Postgres, "/var/lib/playbound", "Host=db"), settings);
    }

    [Fact]
    public void An_unknown_storage_kind_fails_at_startup_naming_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.From(Configuration(("Playbound:Storage", "Redis"))));

        Assert.Contains("Sqlite or Postgres", error.Message);
    }

    [Fact]
    public void Postgres_without_a_connection_string_fails_at_startup()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.From(Configuration(("Playbound:Storage", "Postgres"))));

        Assert.Contains("ConnectionStrings:Postgres", error.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
