using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;
using Playbound.Persistence.Sqlite;
using Playbound.TestKit.Persistence;

namespace Playbound.Persistence.Sqlite.Tests;

/// <summary>A fresh database file per test class instance, and started storages over it that are disposed with it.</summary>
public sealed class SqliteStorageFiles : IAsyncDisposable
{
    private static readonly IGrainStorageSerializer Serializer = new OrleansGrainStorageSerializer(
        new ServiceCollection().AddSerializer(s => s.AddAssembly(typeof(ProbeState).Assembly)).BuildServiceProvider()
            .GetRequiredService<Serializer>());

    private readonly List<SqliteGrainStorage> _storages = [];

    /// <summary>The database file every storage of this instance opens.</summary>
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "playbound-tests", $"grains-{Guid.NewGuid():N}.db");

    /// <summary>Starts a storage over <see cref="DatabasePath"/>, as a silo starting would.</summary>
    public async Task<SqliteGrainStorage> StartAsync(int maxBatchSize = SqliteGrainStorageOptions.DefaultMaxBatchSize)
    {
        var options = new SqliteGrainStorageOptions { DatabasePath = DatabasePath, MaxBatchSize = maxBatchSize, GrainStorageSerializer = Serializer };
        var storage = new SqliteGrainStorage("test", options, NullLogger<SqliteGrainStorage>.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        _storages.Add(storage);
        return storage;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }
    }
}
