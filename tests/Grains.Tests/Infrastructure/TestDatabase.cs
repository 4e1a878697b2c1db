using Playbound.Hosting;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>
/// Fresh data of a storage kind for one test: a SQLite directory (grain state, event queue and, for SQLite, the social
/// store) and, for PostgreSQL, a database of its own for the social stores, dropped when the test ends.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(StorageKind storage, string directory, string? postgresDatabase)
    {
        Storage = storage;
        DataDirectory = directory;
        PostgresDatabase = postgresDatabase;
    }

    public StorageKind Storage { get; }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The PostgreSQL database name, for <see cref="StorageKind.Postgres"/>.</summary>
    public string? PostgresDatabase { get; }

    public static async Task<TestDatabase> CreateAsync(StorageKind storage) => new(
        storage,
        TestDatabases.NewSqliteDirectory(),
        storage == StorageKind.Postgres ? await TestDatabases.NewPostgresDatabaseAsync() : null);

    /// <summary>Cluster options on this data.</summary>
    public SocialClusterOptions ClusterOptions(long? celebrityThreshold = null, IReadOnlyDictionary<string, string?>? settings = null) => new()
    {
        Storage = Storage,
        DataDirectory = DataDirectory,
        Database = PostgresDatabase,
        CelebrityThreshold = celebrityThreshold,
        Settings = settings ?? new Dictionary<string, string?>(),
    };

    public async ValueTask DisposeAsync()
    {
        if (PostgresDatabase is not null)
        {
            await TestDatabases.DropPostgresDatabaseAsync(PostgresDatabase);
        }
    }
}
