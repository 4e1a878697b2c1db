using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

public sealed class StorageRegistrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "playbound-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Memory_storage_is_the_keyed_default_and_an_outbox_store()
    {
        await using var provider = new ServiceCollection().AddMemoryGrainStorage().BuildServiceProvider();

        var storage = provider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);

        Assert.IsType<MemoryGrainStorage>(storage);
        Assert.Same(storage, Assert.Single(provider.GetServices<IOutboxStore>()));
        Assert.NotNull(provider.GetService<GrainSerializer>());
        Assert.NotNull(provider.GetService<OutboxSignal>());
        Assert.Same(TimeProvider.System, provider.GetService<TimeProvider>());
    }

    [Fact]
    public async Task Every_provider_is_one_of_the_outbox_stores_as_the_same_instance()
    {
        var services = new ServiceCollection()
            .AddSqliteGrainStorage(options => options.DataDirectory = _directory)
            .AddMemoryGrainStorage("scratch")
            .AddPostgresGrainStorage("cluster", options => options.ConnectionString = PostgresTestDatabase.ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var sqlite = provider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default);
        var memory = provider.GetRequiredKeyedService<IGrainStorage>("scratch");
        var postgres = provider.GetRequiredKeyedService<IGrainStorage>("cluster");

        Assert.IsType<SqliteGrainStorage>(Assert.IsType<ResilientGrainStorage>(sqlite).Inner);
        Assert.IsType<PostgresGrainStorage>(Assert.IsType<ResilientGrainStorage>(postgres).Inner);
        Assert.Equal(
            new object[] { sqlite, memory, postgres },
            provider.GetServices<IOutboxStore>().Cast<object>().ToArray());
        Assert.Same(provider.GetRequiredService<OutboxSignal>(), provider.GetRequiredService<OutboxSignal>());
    }

    [Fact]
    public async Task Named_options_configure_their_own_provider()
    {
        var other = Path.Combine(_directory, "other");
        await using var provider = new ServiceCollection()
            .AddSqliteGrainStorage("a", options => options.DataDirectory = _directory)
            .AddSqliteGrainStorage("b", options => { options.DataDirectory = other; options.FileName = "b.db"; })
            .BuildServiceProvider();

        var a = (SqliteGrainStorage)((ResilientGrainStorage)provider.GetRequiredKeyedService<IGrainStorage>("a")).Inner;
        var b = (SqliteGrainStorage)((ResilientGrainStorage)provider.GetRequiredKeyedService<IGrainStorage>("b")).Inner;

        Assert.Contains(Path.Combine(_directory, SqliteGrainStorageOptions.DefaultFileName), a.ConnectionString, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(other, "b.db"), b.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_fail_when_the_provider_is_resolved()
    {
        await using var provider = new ServiceCollection()
            .AddSqliteGrainStorage(options => options.MaxBatchSize = 0)
            .AddPostgresGrainStorage("cluster", configure: null)
            .BuildServiceProvider();

        var sqlite = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default));
        Assert.Contains(nameof(SqliteGrainStorageOptions.MaxBatchSize), sqlite.Message, StringComparison.Ordinal);
        var postgres = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IGrainStorage>("cluster"));
        Assert.Contains(nameof(PostgresGrainStorageOptions.ConnectionString), postgres.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_validator_rejects_empty_locations_and_non_positive_batches()
    {
        var validator = new SqliteGrainStorageOptionsValidator();

        Assert.True(validator.Validate("x", new SqliteGrainStorageOptions()).Succeeded);
        Assert.True(validator.Validate("x", new SqliteGrainStorageOptions { ConnectionString = "Data Source=a.db", DataDirectory = "" }).Succeeded);
        Assert.True(validator.Validate("x", new SqliteGrainStorageOptions { ConnectionString = " " }).Failed);
        Assert.True(validator.Validate("x", new SqliteGrainStorageOptions { DataDirectory = "" }).Failed);
        Assert.True(validator.Validate("x", new SqliteGrainStorageOptions { FileName = " " }).Failed);
        Assert.True(validator.Validate("x", new SqliteGrainStorageOptions { MaxBatchSize = -1 }).Failed);
        Assert.True(validator.Validate("x", new SqliteGrainStorageOptions { BusyTimeout = TimeSpan.FromSeconds(-1) }).Failed);
    }

    [Fact]
    public void Postgres_validator_rejects_empty_connection_strings_bad_schemas_and_non_positive_batches()
    {
        var validator = new PostgresGrainStorageOptionsValidator();
        PostgresGrainStorageOptions Valid() => new() { ConnectionString = "Host=db" };

        Assert.True(validator.Validate("x", Valid()).Succeeded);
        Assert.True(validator.Validate("x", new PostgresGrainStorageOptions()).Failed);
        Assert.True(validator.Validate("x", new PostgresGrainStorageOptions { ConnectionString = "  " }).Failed);
        var zeroBatch = Valid();
        zeroBatch.MaxBatchSize = 0;
        Assert.True(validator.Validate("x", zeroBatch).Failed);
        var injected = Valid();
        injected.Schema = "x\"; DROP TABLE y; --";
        Assert.True(validator.Validate("x", injected).Failed);
    }
}
