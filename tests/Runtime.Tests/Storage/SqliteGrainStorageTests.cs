using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <summary>The conformance suite on <see cref="SqliteGrainStorage"/>, one database file in a fresh temp directory per test.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "playbound-tests", Guid.NewGuid().ToString("N"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override Task<IGrainStorage> CreateProviderAsync() => Task.FromResult<IGrainStorage>(CreateProvider());

    [Fact]
    public async Task Creates_the_database_file_under_the_data_directory_in_wal_mode()
    {
        var storage = await OpenAsync();
        await storage.ReadStateAsync("counter", new GrainId("counter", "x"), new TestGrainState<CounterState>(new(0)), default);

        var file = Path.Combine(_directory, "nested", SqliteGrainStorageOptions.DefaultFileName);
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_batch_whose_transaction_fails_fails_every_operation_and_stores_nothing()
    {
        // Default Timeout bounds Microsoft.Data.Sqlite's own retries on a busy database, busy_timeout SQLite's.
        var connectionString = $"Data Source={Path.Combine(_directory, "locked.db")};Default Timeout=1";
        Directory.CreateDirectory(_directory);
        var storage = CreateProvider(new SqliteGrainStorageOptions
        {
            ConnectionString = connectionString,
            BusyTimeout = TimeSpan.FromMilliseconds(50),
        });
        await using var _ = storage;
        var ids = Enumerable.Range(0, 3).Select(i => new GrainId("counter", $"f{i}")).ToArray();
        await ReadCounterAsync(storage, ids[0]);

        await using (var blocker = new SqliteConnection(connectionString))
        {
            await blocker.OpenAsync();
            using var lockHolder = blocker.BeginTransaction(deferred: false);
            var release = storage.HoldWriter();
            var writes = ids
                .Select(id => storage.WriteStateAsync("counter", id, new TestGrainState<CounterState>(new(1)), [NewEvent(id.Key)], default))
                .ToArray();
            release();
            foreach (var write in writes)
            {
                var ex = await Assert.ThrowsAsync<SqliteException>(() => write.WaitAsync(Timeout));
                Assert.Equal(5, ex.SqliteErrorCode); // SQLITE_BUSY
            }

            lockHolder.Rollback();
        }

        await AssertFailedBatchStoredNothingAsync(storage, ids);
    }

    private SqliteGrainStorage CreateProvider(SqliteGrainStorageOptions? options = null) => new(
        GrainStorageNames.Default,
        options ?? new SqliteGrainStorageOptions { DataDirectory = Path.Combine(_directory, "nested") },
        Serializer,
        Signal,
        TimeProvider.System,
        NullLogger<SqliteGrainStorage>.Instance);
}
