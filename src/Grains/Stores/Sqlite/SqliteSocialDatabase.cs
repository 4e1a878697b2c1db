using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// The social tables in one SQLite file in WAL mode (readers never wait for the writer). SQLite has a single writer
/// per file, so this process queues its write transactions itself (<see cref="SqliteWriterQueue"/>: interactive
/// writes ahead of fan-out pages) and starts each with <c>BEGIN IMMEDIATE</c>: a transaction that reads before it
/// writes can then never fail to upgrade its lock, and only other processes ever meet <c>busy_timeout</c>.
/// </summary>
public sealed class SqliteSocialDatabase : SocialDatabase
{
    private readonly SqliteConnectionFactory _connections;
    private readonly SqliteWriterQueue _writer = new();

    /// <summary>Creates the database over <c>{DataDirectory}/{FileName}</c>, reached through <paramref name="circuit"/>; file and schema are created on first use.</summary>
    public SqliteSocialDatabase(SqliteSocialStoreOptions options, DependencyCircuit circuit)
        : base(circuit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName);
        FilePath = Path.GetFullPath(Path.Combine(options.DataDirectory, options.FileName));
        _connections = new SqliteConnectionFactory(
            SqliteConnectionFactory.ForFile(options.DataDirectory, options.FileName), options.BusyTimeout, options.CheckpointPages);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Copies the write-ahead log's committed pages into the database file (a <c>PASSIVE</c> checkpoint, which never
    /// waits for or blocks the writer or readers), so that the checkpoint a commit runs past
    /// <see cref="SqliteSocialStoreOptions.CheckpointPages"/> finds little left to copy and the writer's turn stays short.
    /// </summary>
    /// <returns>The pages in the log and how many of them are now in the file.</returns>
    public Task<(long LogPages, long CheckpointedPages)> CheckpointAsync(CancellationToken cancellationToken) =>
        QueryFirstAsync(
            "PRAGMA wal_checkpoint(PASSIVE)", static _ => { }, static row => (row.Int64(1), row.Int64(2)), (0L, 0L), cancellationToken);

    /// <inheritdoc />
    internal override string ForUpdate => "";

    /// <inheritdoc />
    internal override DbType TimeType => DbType.Int64;

    /// <inheritdoc />
    internal override string IdList(string parameterName) => $"(SELECT value AS id FROM json_each({parameterName})) AS ids";

    /// <inheritdoc />
    internal override object IdListValue(IReadOnlyList<long> ids)
    {
        // A JSON array is one parameter however many ids it holds: no chunking below SQLite's parameter limit.
        var json = new StringBuilder(ids.Count * 20).Append('[');
        for (var i = 0; i < ids.Count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
    }

    /// <inheritdoc />
    internal override object TimeValue(DateTimeOffset value) => SocialValues.Micros(value);

    /// <inheritdoc />
    internal override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => SocialValues.Time(reader.GetInt64(ordinal));

    /// <inheritdoc />
    internal override TextSearch Search => TextSearch.Fts5;

    /// <inheritdoc />
    internal override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 2067 /* SQLITE_CONSTRAINT_UNIQUE */ };

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await _connections.OpenForSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteSchemaAsync(connection, SocialSchema.Create("INTEGER", "INTEGER", "INTEGER", "TEXT", " WITHOUT ROWID") + Search.Schema, cancellationToken);

                // SQLite has no ADD COLUMN IF NOT EXISTS: a database made before a column asks for it here.
                foreach (var (table, column) in SocialSchema.AddedIdColumns)
                {
                    if (!await HasColumnAsync(connection, table, column, cancellationToken).ConfigureAwait(false))
                    {
                        await ExecuteSchemaAsync(connection, $"ALTER TABLE {table} ADD COLUMN {column} INTEGER", cancellationToken).ConfigureAwait(false);
                    }
                }

                await ExecuteSchemaAsync(connection, SocialSchema.AfterColumns, cancellationToken).ConfigureAwait(false);

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteSchemaAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> HasColumnAsync(SqliteConnection connection, string table, string column, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";
            command.Parameters.AddWithValue("@table", table);
            command.Parameters.AddWithValue("@column", column);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
    }

    private protected override async ValueTask<IDisposable?> EnterWriteAsync(WritePriority priority, CancellationToken cancellationToken) =>
        await _writer.EnterAsync(priority, cancellationToken).ConfigureAwait(false);

    private protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private protected override ValueTask DisposeCoreAsync()
    {
        DisposeCore();
        return default;
    }

    private protected override void DisposeCore() => _connections.ClearPool();
}
