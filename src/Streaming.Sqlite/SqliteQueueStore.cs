using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Playbound.Persistence.Sqlite;

namespace Playbound.Streaming.Sqlite;

/// <summary>A row read from a queue, not yet turned back into a batch.</summary>
internal sealed record QueueRow(long Sequence, string StreamNamespace, string StreamKey, byte[] Payload)
{
    public StreamId StreamId => StreamId.Create(StreamNamespace, StreamKey);
}

/// <summary>A batch given up on, as the dead-letter table keeps it.</summary>
/// <param name="Sequence">Its row in the queue it came from.</param>
/// <param name="QueueId">That queue.</param>
/// <param name="StreamId">The stream it was published on.</param>
/// <param name="Payload">The serialized batch, unchanged, for inspection or replay.</param>
/// <param name="Error">Why it was given up.</param>
public sealed record SqliteDeadLetter(long Sequence, string QueueId, StreamId StreamId, byte[] Payload, string Error);

/// <summary>
/// The queue and dead-letter tables of one database. Rows are appended in commit order under an AUTOINCREMENT
/// sequence (never reused, so tokens only grow), read in that order, and deleted only once Orleans delivered them.
/// </summary>
public sealed class SqliteQueueStore : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS stream_queue (
            sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
            queue_id         TEXT    NOT NULL,
            stream_namespace TEXT    NOT NULL,
            stream_key       TEXT    NOT NULL,
            payload          BLOB    NOT NULL,
            enqueued_at      INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS stream_queue_by_queue ON stream_queue (queue_id, sequence);
        CREATE TABLE IF NOT EXISTS stream_dead_letter (
            sequence         INTEGER PRIMARY KEY,
            queue_id         TEXT    NOT NULL,
            stream_namespace TEXT    NOT NULL,
            stream_key       TEXT    NOT NULL,
            payload          BLOB    NOT NULL,
            error            TEXT    NOT NULL,
            enqueued_at      INTEGER NOT NULL,
            dead_lettered_at INTEGER NOT NULL
        );
        """;

    private readonly string _databasePath;
    private readonly SqliteGroupCommit<QueueChange, long> _writer;
    private readonly Lazy<Task> _initialized;

    // Per queue, a signal the next enqueue in this process completes (and replaces): readers wait on it when empty.
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _appended = new(StringComparer.Ordinal);

    /// <summary>Opens the tables of <see cref="SqliteStreamOptions.DatabasePath"/>, creating them on first use.</summary>
    public SqliteQueueStore(SqliteStreamOptions options, ILogger logger)
    {
        _databasePath = options.DatabasePath;
        _writer = new(options.DatabasePath, options.MaxBatchSize, QueueChange.ApplyAll, logger);
        _initialized = new(InitializeAsync);
    }

    /// <summary>Every dead-lettered batch, oldest first.</summary>
    public async Task<IReadOnlyList<SqliteDeadLetter>> ReadDeadLettersAsync()
    {
        await _initialized.Value;
        await using var connection = await SqliteConnections.OpenAsync(_databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, queue_id, stream_namespace, stream_key, payload, error FROM stream_dead_letter ORDER BY sequence";
        await using var reader = await command.ExecuteReaderAsync();
        var letters = new List<SqliteDeadLetter>();
        while (await reader.ReadAsync())
        {
            letters.Add(new(reader.GetInt64(0), reader.GetString(1), StreamId.Create(reader.GetString(2), reader.GetString(3)), (byte[])reader[4], reader.GetString(5)));
        }

        return letters;
    }

    /// <summary>How many published events are not delivered yet (dead letters not counted): 0 once the queues drained.</summary>
    public async Task<long> CountUndeliveredAsync()
    {
        await _initialized.Value;
        await using var connection = await SqliteConnections.OpenAsync(_databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM stream_queue";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    internal async Task<long> SubmitAsync(QueueChange change)
    {
        await _initialized.Value;
        var result = await _writer.SubmitAsync(change);
        if (change is Enqueue enqueue && _appended.TryRemove(enqueue.QueueId, out var appended))
        {
            appended.TrySetResult();
        }

        return result;
    }

    /// <summary>
    /// Completes once a row is committed to <paramref name="queueId"/> by this process. Take it before reading the
    /// queue: an enqueue that lands between the read and the wait has completed it already, so none is missed.
    /// </summary>
    internal Task NextAppend(string queueId) =>
        _appended.GetOrAdd(queueId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal async Task<IReadOnlyList<QueueRow>> ReadAsync(string queueId, long afterSequence, int maxCount)
    {
        await _initialized.Value;
        await using var connection = await SqliteConnections.OpenAsync(_databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, stream_namespace, stream_key, payload FROM stream_queue
            WHERE queue_id = $queue AND sequence > $after ORDER BY sequence LIMIT $limit
            """;
        command.Parameters.AddWithValue("$queue", queueId);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", maxCount);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<QueueRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader[3]));
        }

        return rows;
    }

    /// <summary>Each non-empty queue's undelivered rows and oldest enqueue time, for the backlog gauges; null before the tables exist.</summary>
    internal async Task<IReadOnlyDictionary<string, QueueBacklog>> ReadBacklogAsync()
    {
        if (!_initialized.IsValueCreated || !_initialized.Value.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("The queue store is not open yet.");
        }

        await using var connection = await SqliteConnections.OpenAsync(_databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT queue_id, COUNT(*), MIN(enqueued_at) FROM stream_queue GROUP BY queue_id";
        await using var reader = await command.ExecuteReaderAsync();
        var backlog = new Dictionary<string, QueueBacklog>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            backlog[reader.GetString(0)] = new(reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2));
        }

        return backlog;
    }

    private async Task InitializeAsync()
    {
        SqliteConnections.EnsureDirectory(_databasePath);
        await using (var connection = await SqliteConnections.OpenAsync(_databasePath))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync();
        }

        _writer.Start();
    }
}
