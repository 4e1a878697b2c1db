using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Storage;

/// <summary>
/// The embedded grain storage: one SQLite file in WAL mode, written by the group-commit writer of
/// <see cref="BatchingGrainStorage"/> and read through pooled connections.
/// </summary>
public sealed class SqliteGrainStorage : BatchingGrainStorage
{
    /// <summary>The <c>provider</c> tag of this provider's metrics.</summary>
    public const string ProviderName = "sqlite";

    // Versions come from one counter row rather than "etag + 1", so a record that is cleared and written again never
    // reuses an ETag a stale activation might still hold. The writer reserves them a block at a time in a commit of
    // its own, because updating the counter in every batch would add a second page write to every commit.
    private const long VersionBlock = 4096;

    private readonly SqliteConnectionFactory _connections;

    // The reserved versions (_lastVersion, _reservedThrough]; touched only by the writer loop, one batch at a time.
    private long _lastVersion;
    private long _reservedThrough;

    /// <summary>Creates the provider; the database and its schema are created on first use.</summary>
    public SqliteGrainStorage(
        string name, SqliteGrainStorageOptions options, GrainSerializer serializer, OutboxSignal outboxSignal,
        TimeProvider timeProvider, ILogger<SqliteGrainStorage> logger)
        : base(name, ProviderName, (options ?? throw new ArgumentNullException(nameof(options))).MaxBatchSize, serializer,
            outboxSignal, timeProvider, logger)
    {
        _connections = new SqliteConnectionFactory(
            options.ConnectionString ?? SqliteConnectionFactory.ForFile(options.DataDirectory, options.FileName), options.BusyTimeout);
    }

    /// <summary>The connection string in use.</summary>
    public string ConnectionString => _connections.ConnectionString;

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenForSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, SqliteSql.Schema, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private protected override async Task<StoredRecord?> ReadRecordAsync(
        GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = CreateKeyCommand(connection, null, SqliteSql.SelectRecord, grainId, stateName);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new StoredRecord(reader.GetFieldValue<byte[]>(0), reader.GetInt64(1))
                    : null;
            }
        }
    }

    private protected override async Task BeforeTransactionAsync(
        DbConnection connection, IReadOnlyList<StorageOperation> operations, CancellationToken cancellationToken)
    {
        var writes = operations.Count(operation => operation.Kind == StorageOperationKind.Write);
        if (_lastVersion + writes <= _reservedThrough)
        {
            return;
        }

        // Committed on its own (autocommit), before the batch: a failed batch then only leaves a gap in the versions,
        // never hands the same block out twice (also not to another process sharing the file).
        var block = Math.Max(VersionBlock, writes);
        using var reserve = Command(
            (SqliteConnection)connection, null,
            SqliteSql.ReserveVersions, "$block");
        reserve.Parameters[0].Value = block;
        _reservedThrough = (long)(await reserve.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        _lastVersion = _reservedThrough - block;
    }

    private protected override async Task ApplyStateChangesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<StorageOperation> operations,
        CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        var tx = (SqliteTransaction)transaction;
        var now = TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

        // One prepared command per statement shape, reused for every operation of the batch.
        using var insert = Command(sqlite, tx, SqliteSql.Insert, "$type", "$key", "$name", "$payload", "$version", "$now");
        using var update = Command(sqlite, tx, SqliteSql.Update, "$type", "$key", "$name", "$payload", "$version", "$now", "$expected");
        using var delete = Command(sqlite, tx, SqliteSql.Delete, "$type", "$key", "$name", "$expected");
        foreach (var operation in operations)
        {
            if (operation.IsClearOfMissingRecord)
            {
                continue;
            }

            SqliteCommand command;
            if (operation.Kind == StorageOperationKind.Clear)
            {
                command = delete;
                command.Parameters[3].Value = operation.ExpectedVersion;
            }
            else
            {
                command = operation.ExpectedVersion is null ? insert : update;
                command.Parameters[3].Value = operation.Payload;
                command.Parameters[4].Value = ++_lastVersion;
                command.Parameters[5].Value = now;
                if (operation.ExpectedVersion is { } expected)
                {
                    command.Parameters[6].Value = expected;
                }
            }

            command.Parameters[0].Value = operation.GrainId.Type;
            command.Parameters[1].Value = operation.GrainId.Key;
            command.Parameters[2].Value = operation.StateName;
            operation.Applied = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            operation.NewVersion = operation.Kind == StorageOperationKind.Write ? _lastVersion : null;
        }
    }

    private protected override async Task<long?> ReadVersionAsync(
        DbConnection connection, DbTransaction transaction, GrainId grainId, string stateName,
        CancellationToken cancellationToken)
    {
        using var command = CreateKeyCommand(
            (SqliteConnection)connection, (SqliteTransaction)transaction, SqliteSql.SelectVersion, grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    private protected override async Task InsertOutboxAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxEvent> events, DateTimeOffset createdAt,
        CancellationToken cancellationToken)
    {
        using var insert = Command(
            (SqliteConnection)connection, (SqliteTransaction)transaction,
            SqliteSql.InsertOutbox,
            "$ns", "$key", "$id", "$payload", "$created");
        insert.Parameters[4].Value = createdAt.ToUnixTimeMilliseconds();
        foreach (var outboxEvent in events)
        {
            insert.Parameters[0].Value = outboxEvent.Namespace;
            insert.Parameters[1].Value = outboxEvent.Key;
            insert.Parameters[2].Value = outboxEvent.EventId;
            insert.Parameters[3].Value = outboxEvent.Payload;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private protected override async Task<IReadOnlyList<OutboxEntry>> ReadPendingCoreAsync(
        int maxCount, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(
                connection, null,
                SqliteSql.SelectOutbox, "$max");
            command.Parameters[0].Value = maxCount;
            var entries = new List<OutboxEntry>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var outboxEvent = new OutboxEvent(
                        reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetFieldValue<byte[]>(4));
                    entries.Add(new OutboxEntry(
                        reader.GetInt64(0), outboxEvent, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
                }
            }

            return entries;
        }
    }

    private protected override async Task DeleteCoreAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(
                connection, null, SqliteSql.DeleteOutbox, "$ids");
            command.Parameters[0].Value = JsonSerializer.Serialize(sequences);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private protected override ValueTask DisposeCoreAsync()
    {
        _connections.ClearPool();
        return default;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }

        return command;
    }

    private static SqliteCommand CreateKeyCommand(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, GrainId grainId, string stateName)
    {
        var command = Command(connection, transaction, sql, "$type", "$key", "$name");
        command.Parameters[0].Value = grainId.Type;
        command.Parameters[1].Value = grainId.Key;
        command.Parameters[2].Value = stateName;
        return command;
    }

    private static async Task ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
