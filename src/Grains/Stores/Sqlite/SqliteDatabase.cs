using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// Social tables in one SQLite file in WAL mode (readers never wait for the writer). SQLite has a single writer per
/// file, so this process queues its write transactions itself (<see cref="SqliteWriterQueue"/>: interactive writes
/// ahead of fan-out pages) and starts each with <c>BEGIN IMMEDIATE</c>: a transaction that reads before it writes can
/// then never fail to upgrade its lock, and only other processes ever meet <c>busy_timeout</c>. A file that attaches
/// another (<see cref="SqliteFeedDatabase"/>) begins deferred instead, so as not to lock the attached file.
/// </summary>
public abstract class SqliteDatabase : SocialDatabase
{
    private readonly SqliteWriterQueue _writer = new();
    private readonly bool _beginImmediate;

    /// <summary>Creates the database over <c>{DataDirectory}/<paramref name="fileName"/></c>; file and schema are created on first use.</summary>
    /// <param name="options">The directory, timeouts and checkpoint settings.</param>
    /// <param name="fileName">The file inside <see cref="SqliteSocialStoreOptions.DataDirectory"/>.</param>
    /// <param name="attach">Another file of the directory every connection attaches, read by this file's statements.</param>
    /// <param name="circuit">The circuit every read and write goes through.</param>
    private protected SqliteDatabase(SqliteSocialStoreOptions options, string fileName, (string Alias, string FileName)? attach, DependencyCircuit circuit)
        : base(circuit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        FilePath = Path.GetFullPath(Path.Combine(options.DataDirectory, fileName));
        Connections = new SqliteConnectionFactory(
            SqliteConnectionFactory.ForFile(options.DataDirectory, fileName),
            options.BusyTimeout,
            options.CheckpointPages,
            attach is var (alias, attached) ? (alias, Path.GetFullPath(Path.Combine(options.DataDirectory, attached))) : null);

        // BEGIN IMMEDIATE takes the write lock of every attached file too; a file that only reads its attachment
        // begins deferred and takes its own lock at its first write (its statements all start by writing).
        _beginImmediate = attach is null;
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Opens this file's connections.</summary>
    private protected SqliteConnectionFactory Connections { get; }

    /// <summary>
    /// Copies the write-ahead log's committed pages into the database file (a <c>PASSIVE</c> checkpoint, which never
    /// waits for or blocks the writer or readers), so that the checkpoint a commit runs past
    /// <see cref="SqliteSocialStoreOptions.CheckpointPages"/> finds little left to copy and the writer's turn stays short.
    /// </summary>
    /// <returns>The pages in the log and how many of them are now in the file.</returns>
    public Task<(long LogPages, long CheckpointedPages)> CheckpointAsync(CancellationToken cancellationToken) =>
        QueryFirstAsync(
            "PRAGMA main.wal_checkpoint(PASSIVE)", static _ => { }, static row => (row.Int64(1), row.Int64(2)), (0L, 0L), cancellationToken);

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

    /// <summary>
    /// Runs <paramref name="create"/> in one transaction, begun as this file's writes begin, on a connection that has
    /// switched the file to WAL (creating the file and its directory when missing).
    /// </summary>
    private protected async Task InSchemaTransactionAsync(Func<SqliteConnection, CancellationToken, Task> create, CancellationToken cancellationToken)
    {
        var connection = await Connections.OpenForSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: !_beginImmediate);
            await using (transaction.ConfigureAwait(false))
            {
                await create(connection, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs schema DDL on <paramref name="connection"/>.</summary>
    private protected static async Task ExecuteSchemaAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="table"/> of the file attached as <paramref name="schema"/> (<c>main</c>: this one) has <paramref name="column"/>.</summary>
    private protected static async Task<bool> HasColumnAsync(SqliteConnection connection, string schema, string table, string column, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "SELECT COUNT(*) FROM pragma_table_info(@table, @schema) WHERE name = @column";
            command.Parameters.AddWithValue("@table", table);
            command.Parameters.AddWithValue("@schema", schema);
            command.Parameters.AddWithValue("@column", column);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }
    }

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await Connections.OpenAsync(cancellationToken).ConfigureAwait(false);

    private protected override async ValueTask<IDisposable?> EnterWriteAsync(WritePriority priority, CancellationToken cancellationToken) =>
        await _writer.EnterAsync(priority, cancellationToken).ConfigureAwait(false);

    private protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: !_beginImmediate));

    private protected override ValueTask DisposeCoreAsync()
    {
        DisposeCore();
        return default;
    }

    private protected override void DisposeCore() => Connections.ClearPool();
}
