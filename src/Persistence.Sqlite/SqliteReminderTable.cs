using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Playbound.Persistence.Sqlite;

/// <summary>
/// Orleans reminder table in one SQLite file: one row per service, grain and reminder name, with a fresh ETag on
/// every write. Each call opens a pooled connection and runs one statement; reminder writes are rare enough that
/// SQLite's busy timeout settles the few that meet another writer, so no group commit is needed here.
/// </summary>
/// <param name="options">Where the table lives.</param>
/// <param name="serviceId">
/// The Orleans service whose reminders this is (<c>ClusterOptions.ServiceId</c>): rows are keyed by it, so services
/// sharing a file never see each other's reminders, and a restarted silo of the same service finds its own.
/// </param>
/// <param name="logger">Where start-up and failures are reported.</param>
public sealed partial class SqliteReminderTable(SqliteReminderTableOptions options, string serviceId, ILogger<SqliteReminderTable> logger)
    : IReminderTable
{
    // The hash is the grain's uniform hash as an unsigned 32-bit value (0..2^32-1); SQLite integers are 64-bit, so
    // it is stored without the sign flip an int would bring and range reads compare in ring order.
    // Times are UTC ticks: exact round trips, no text parsing.
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS reminders (
            service_id    TEXT    NOT NULL,
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            etag          TEXT    NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    /// <summary>Creates the table when missing; the reminder service calls it before the silo takes traffic.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        SqliteConnections.EnsureDirectory(options.DatabasePath);
        await RunAsync(nameof(StartAsync), async (command, token) =>
        {
            command.CommandText = Schema;
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
        LogStarted(logger, serviceId, options.DatabasePath);
    }

    /// <summary>
    /// Nothing to release: every call closed its own connection, and each write was committed before it returned, so
    /// the file is complete whenever the silo stops.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(nameof(ReadRows), $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain", command =>
            command.Parameters.AddWithValue("$grain", grainId.ToString()), cancellationToken);

    /// <summary>
    /// Returns the reminders whose grain hash lies in the ring range (<paramref name="begin"/>, <paramref name="end"/>].
    /// When <paramref name="begin"/> is not below <paramref name="end"/> the range wraps past <see cref="uint.MaxValue"/>,
    /// so begin == end is the whole ring, as Orleans defines it.
    /// </summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <inheritdoc cref="ReadRows(uint, uint)" />
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        // Two disjoint index ranges instead of one OR, so each half is a plain range scan of reminders_by_hash.
        var sql = begin < end
            ? $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash > $begin AND grain_hash <= $end"
            : $"""
               SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash > $begin
               UNION ALL
               SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash <= $end
               """;
        return QueryAsync(nameof(ReadRows), sql, command =>
        {
            command.Parameters.AddWithValue("$begin", (long)begin);
            command.Parameters.AddWithValue("$end", (long)end);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>Reads one reminder; <see langword="null"/> when the grain has no reminder of that name.</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            nameof(ReadRow),
            $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name",
            command =>
            {
                command.Parameters.AddWithValue("$grain", grainId.ToString());
                command.Parameters.AddWithValue("$name", reminderName);
            },
            cancellationToken);
        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>
    /// Inserts or replaces the reminder and returns its new ETag. The entry's own ETag is not checked: Orleans'
    /// reminder service registers and updates by overwriting (last writer wins), and only removal is ETag-checked.
    /// </summary>
    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");
        return RunAsync<string?>(nameof(UpsertRow), async (command, token) =>
        {
            command.CommandText = """
                INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, etag)
                VALUES ($service, $grain, $name, $hash, $start, $period, $etag)
                ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_at = excluded.start_at,
                    period = excluded.period, etag = excluded.etag
                """;
            command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$name", entry.ReminderName);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$start", ToUtcTicks(entry.StartAt));
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            command.Parameters.AddWithValue("$etag", etag);
            await command.ExecuteNonQueryAsync(token);
            return etag;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>
    /// Removes the reminder only while its ETag is still <paramref name="eTag"/>; <see langword="false"/> when it is
    /// missing or was rewritten since, so a stale unregistration never deletes a newer registration.
    /// </summary>
    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        var removed = await RunAsync(nameof(RemoveRow), async (command, token) =>
        {
            command.CommandText = """
                DELETE FROM reminders
                WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag
                """;
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$name", reminderName);
            command.Parameters.AddWithValue("$etag", (object?)eTag ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);
        if (!removed)
        {
            LogRemoveRefused(logger, grainId, reminderName, eTag);
        }

        return removed;
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Deletes every reminder of this service; other services in the same file keep theirs.</summary>
    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        RunAsync(nameof(TestOnlyClearTable), async (command, token) =>
        {
            command.CommandText = "DELETE FROM reminders WHERE service_id = $service";
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    private Task<ReminderTableData> QueryAsync(
        string operation, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        RunAsync(operation, async (command, token) =>
        {
            command.CommandText = sql;
            bind(command);
            var entries = new List<ReminderEntry>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0)),
                    ReminderName = reader.GetString(1),
                    StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                    Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                    ETag = reader.GetString(4),
                });
            }

            return new ReminderTableData(entries);
        }, cancellationToken);

    // One short-lived pooled connection per call, bound to this service; any failure is logged here once, with
    // the operation, and rethrown so the reminder service retries or reports it as it does for every table.
    private async Task<T> RunAsync<T>(string operation, Func<SqliteCommand, CancellationToken, Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await SqliteConnections.OpenAsync(options.DatabasePath, cancellationToken);
            await using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$service", serviceId);
            return await run(command, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, operation, serviceId, options.DatabasePath);
            throw;
        }
    }

    // Orleans hands UTC times; an unspecified kind is taken as UTC too, and only a local time is converted, so the
    // ticks stored always mean UTC and read back as UTC.
    private static long ToUtcTicks(DateTime time) => (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).Ticks;

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "SQLite reminder table of service {ServiceId} uses {Path}")]
    private static partial void LogStarted(ILogger logger, string serviceId, string path);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "{Operation} failed in the SQLite reminder table of service {ServiceId} at {Path}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string operation, string serviceId, string path);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Removing reminder {ReminderName} of grain {GrainId} refused: missing, or moved past ETag {ETag}")]
    private static partial void LogRemoveRefused(ILogger logger, GrainId grainId, string reminderName, string? eTag);
}
