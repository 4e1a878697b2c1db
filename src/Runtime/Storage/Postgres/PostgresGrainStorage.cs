using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Storage;

/// <summary>
/// The cluster grain storage on PostgreSQL. Each batch of the group-commit writer of
/// <see cref="BatchingGrainStorage"/> is one transaction of (usually) two round trips: one <see cref="NpgsqlBatch"/> of
/// set-based insert/update/delete statements over arrays, then one insert of the outbox rows of the operations
/// that succeeded.
/// </summary>
public sealed class PostgresGrainStorage : BatchingGrainStorage
{
    /// <summary>The <c>provider</c> tag of this provider's metrics.</summary>
    public const string ProviderName = "postgres";

    // Serializes schema creation across processes. The value is arbitrary but fixed ("Playboun" in ASCII).
    private const long SchemaLockKey = 0x506C_6179_626F_756E;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schemaName;
    private readonly PostgresSql _sql;

    /// <summary>Creates the provider; its schema is created on first use.</summary>
    public PostgresGrainStorage(
        string name, PostgresGrainStorageOptions options, GrainSerializer serializer, OutboxSignal outboxSignal,
        TimeProvider timeProvider, ILogger<PostgresGrainStorage> logger)
        : base(name, ProviderName, (options ?? throw new ArgumentNullException(nameof(options))).MaxBatchSize, serializer,
            outboxSignal, timeProvider, logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString);
        if (!PostgresDataSources.IsValidSchemaName(options.Schema))
        {
            throw new ArgumentException($"Invalid schema name '{options.Schema}'.", nameof(options));
        }

        _dataSource = PostgresDataSources.CreateBuilder(options.ConnectionString).Build();
        _schemaName = options.Schema;
        _sql = new PostgresSql(options.Schema);
    }

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override Task CreateSchemaAsync(CancellationToken cancellationToken) =>
        PostgresDataSources.CreateSchemaAsync(_dataSource, _schemaName, SchemaLockKey, _sql.CreateTables, cancellationToken);

    private protected override async Task<StoredRecord?> ReadRecordAsync(
        GrainId grainId, string stateName, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.SelectRecord);
        AddKey(command.Parameters, grainId, stateName);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new StoredRecord(reader.GetFieldValue<byte[]>(0), reader.GetInt64(1))
                : null;
        }
    }

    private protected override async Task ApplyStateChangesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<StorageOperation> operations,
        CancellationToken cancellationToken)
    {
        // Set-based statements attribute each returned row to an operation by its key, so a wave holds at most one
        // operation per row. Another operation on the same row (only duplicate activations produce one) waits for the
        // next wave and so sees the first one's effect, exactly as if the operations had run one by one.
        var pending = operations.Where(operation => !operation.IsClearOfMissingRecord).ToList();
        var now = TimeProvider.GetUtcNow();
        while (pending.Count > 0)
        {
            var wave = new Dictionary<(string Type, string Key, string StateName), StorageOperation>(pending.Count);
            var later = new List<StorageOperation>();
            foreach (var operation in pending)
            {
                if (!wave.TryAdd((operation.GrainId.Type, operation.GrainId.Key, operation.StateName), operation))
                {
                    later.Add(operation);
                }
            }

            await ApplyWaveAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, wave, _sql, now, cancellationToken)
                .ConfigureAwait(false);
            pending = later;
        }
    }

    private protected override async Task<long?> ReadVersionAsync(
        DbConnection connection, DbTransaction transaction, GrainId grainId, string stateName,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(_sql.SelectVersion, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        AddKey(command.Parameters, grainId, stateName);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : null;
    }

    private protected override async Task InsertOutboxAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxEvent> events, DateTimeOffset createdAt,
        CancellationToken cancellationToken)
    {
        var namespaces = new string[events.Count];
        var keys = new string[events.Count];
        var ids = new Guid[events.Count];
        var payloads = new byte[events.Count][];
        for (var i = 0; i < events.Count; i++)
        {
            (namespaces[i], keys[i], ids[i], payloads[i]) = events[i];
        }

        await using var command = new NpgsqlCommand(_sql.InsertOutbox, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = namespaces });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = createdAt });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<IReadOnlyList<OutboxEntry>> ReadPendingCoreAsync(
        int maxCount, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.SelectOutbox);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxCount });
        var entries = new List<OutboxEntry>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var outboxEvent = new OutboxEvent(
                    reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetFieldValue<byte[]>(4));
                entries.Add(new OutboxEntry(reader.GetInt64(0), outboxEvent, reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        return entries;
    }

    private protected override async Task DeleteCoreAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(_sql.DeleteOutbox);
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. sequences] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override ValueTask DisposeCoreAsync() => _dataSource.DisposeAsync();

    private static async Task ApplyWaveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction,
        Dictionary<(string Type, string Key, string StateName), StorageOperation> wave, PostgresSql sql, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Sorted keys make concurrent silos lock shared rows in the same order, so duplicate activations writing
        // the same grains during a membership change do not deadlock each other.
        var ordered = wave.Values
            .OrderBy(operation => operation.GrainId.Type, StringComparer.Ordinal)
            .ThenBy(operation => operation.GrainId.Key, StringComparer.Ordinal)
            .ThenBy(operation => operation.StateName, StringComparer.Ordinal)
            .ToList();
        var inserts = ordered.Where(o => o.Kind == StorageOperationKind.Write && o.ExpectedVersion is null).ToList();
        var updates = ordered.Where(o => o.Kind == StorageOperationKind.Write && o.ExpectedVersion is not null).ToList();
        var deletes = ordered.Where(o => o.Kind == StorageOperationKind.Clear).ToList();

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            if (inserts.Count > 0)
            {
                var statement = KeyedStatement(sql.InsertStates, inserts);
                statement.Parameters.Add(Array(inserts, o => o.Payload!, NpgsqlDbType.Bytea));
                statement.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                batch.BatchCommands.Add(statement);
            }

            if (updates.Count > 0)
            {
                var statement = KeyedStatement(sql.UpdateStates, updates);
                statement.Parameters.Add(Array(updates, o => o.Payload!, NpgsqlDbType.Bytea));
                statement.Parameters.Add(Array(updates, o => o.ExpectedVersion!.Value, NpgsqlDbType.Bigint));
                statement.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                batch.BatchCommands.Add(statement);
            }

            if (deletes.Count > 0)
            {
                var statement = KeyedStatement(sql.DeleteStates, deletes);
                statement.Parameters.Add(Array(deletes, o => o.ExpectedVersion!.Value, NpgsqlDbType.Bigint));
                batch.BatchCommands.Add(statement);
            }

            // Each returned row names a row that changed; its operation is the only one of the wave with that key.
            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var operation = wave[(reader.GetString(0), reader.GetString(1), reader.GetString(2))];
                        operation.Applied = true;
                        operation.NewVersion = operation.Kind == StorageOperationKind.Write ? reader.GetInt64(3) : null;
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }
        }
    }

    private static NpgsqlBatchCommand KeyedStatement(string sql, List<StorageOperation> operations)
    {
        var statement = new NpgsqlBatchCommand(sql);
        statement.Parameters.Add(Array(operations, o => o.GrainId.Type, NpgsqlDbType.Text));
        statement.Parameters.Add(Array(operations, o => o.GrainId.Key, NpgsqlDbType.Text));
        statement.Parameters.Add(Array(operations, o => o.StateName, NpgsqlDbType.Text));
        return statement;
    }

    private static NpgsqlParameter<T[]> Array<T>(List<StorageOperation> operations, Func<StorageOperation, T> select, NpgsqlDbType elementType) =>
        new() { TypedValue = [.. operations.Select(select)], NpgsqlDbType = NpgsqlDbType.Array | elementType };

    private static void AddKey(NpgsqlParameterCollection parameters, GrainId grainId, string stateName)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
    }
}
