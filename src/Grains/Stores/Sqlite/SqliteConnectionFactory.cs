using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// Opens connections to one SQLite file the way every Playbound component uses SQLite: pooled, the file in WAL mode
/// (readers never wait for the writer), <c>synchronous=NORMAL</c>, a <c>busy_timeout</c> and a
/// <c>wal_autocheckpoint</c> on every connection, and another file attached where asked.
/// </summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _pragmas;

    // The native connections the pragmas already ran on: the pool hands the same one out again and again, and running
    // them on every open parsed and executed two statements per query.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    /// <summary>Creates a factory for <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, e.g. from <see cref="ForFile"/>.</param>
    /// <param name="busyTimeout">How long a statement waits for another connection's lock before failing.</param>
    /// <param name="checkpointPages">How many pages the write-ahead log grows by before a commit copies them into the file.</param>
    /// <param name="attach">Another file every connection attaches under <c>Alias</c>, so that one statement reads the tables of both.</param>
    public SqliteConnectionFactory(string connectionString, TimeSpan busyTimeout, int checkpointPages, (string Alias, string FilePath)? attach = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(busyTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpointPages, 1);
        ConnectionString = connectionString;

        // synchronous=NORMAL is safe in WAL mode (a crash can lose the last commits, never corrupt the file) and
        // saves an fsync per commit; the pragmas are per connection, so every new native connection runs them.
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {checkpointPages};");
        if (attach is var (alias, filePath))
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(alias);
            ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
            _pragmas += $" ATTACH DATABASE '{filePath.Replace("'", "''", StringComparison.Ordinal)}' AS \"{alias}\";";
        }
    }

    /// <summary>The connection string in use.</summary>
    public string ConnectionString { get; }

    /// <summary>The pooled, create-if-missing connection string of the file <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
    public static string ForFile(string directory, string fileName) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(Path.Combine(directory, fileName)),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
    }.ToString();

    /// <summary>Opens a connection with the per-connection pragmas applied.</summary>
    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                await ExecuteAsync(connection, _pragmas, cancellationToken).ConfigureAwait(false);
                _configured.TryAdd(connection.Handle!, this);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates the file's directory when missing, then opens a connection and switches the file to WAL.</summary>
    public async ValueTask<SqliteConnection> OpenForSchemaAsync(CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The mode is stored in the file, and cannot change inside a transaction.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the pooled connections, releasing the file (tests delete it; a restart reopens it).</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
