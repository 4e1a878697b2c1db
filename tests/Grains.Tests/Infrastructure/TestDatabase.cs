using Playbound.Hosting;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>A fresh database of a storage kind for one test, dropped (PostgreSQL) when the test ends.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(StorageKind storage, string name)
    {
        Storage = storage;
        Name = name;
    }

    public StorageKind Storage { get; }

    /// <summary>The SQLite directory or the PostgreSQL database name.</summary>
    public string Name { get; }

    public static async Task<TestDatabase> CreateAsync(StorageKind storage) => new(
        storage,
        storage == StorageKind.Postgres ? await TestDatabases.NewPostgresDatabaseAsync() : TestDatabases.NewSqliteDirectory());

    /// <summary>Host options on this database.</summary>
    public SocialHostOptions HostOptions(long? celebrityThreshold = null) =>
        new() { Storage = Storage, Database = Name, CelebrityThreshold = celebrityThreshold };

    public async ValueTask DisposeAsync()
    {
        if (Storage == StorageKind.Postgres)
        {
            await TestDatabases.DropPostgresDatabaseAsync(Name);
        }
    }
}
