using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Playbound.Grains.Stores.Sql;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// The social tables in one SQLite file in WAL mode (readers never wait for the writer). SQLite has a single writer
/// per file, so this process queues its write transactions itself and starts each with <c>BEGIN IMMEDIATE</c>: a
/// transaction that reads before it writes can then never fail to upgrade its lock, and only other processes ever
/// meet <c>busy_timeout</c>.
/// </summary>
public sealed class SqliteSocialDatabase : SocialDatabase
{
    private readonly string _connectionString;
    private readonly string _path;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Creates the database over <c>{DataDirectory}/{FileName}</c>; file and schema are created on first use.</summary>
    public SqliteSocialDatabase(SqliteSocialStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero);
        _path = Path.GetFullPath(Path.Combine(options.DataDirectory, options.FileName));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();

        // synchronous=NORMAL is safe in WAL mode (a crash may lose the last commits, never corrupt the file) and saves
        // an fsync per commit; both pragmas are per connection, so every opened connection runs them.
        _connectionPragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _path;

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
    internal override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: 2067 /* SQLITE_CONSTRAINT_UNIQUE */ };

    private protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await RunAsync(connection, _connectionPragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The journal mode is stored in the file and cannot change inside a transaction.
            await RunAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await RunAsync(connection, SocialSchema.Create("INTEGER", "INTEGER", "INTEGER", " WITHOUT ROWID"), cancellationToken)
                    .ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_writer);
    }

    private protected override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private protected override ValueTask DisposeCoreAsync()
    {
        DisposeCore();
        return default;
    }

    private protected override void DisposeCore()
    {
        // Close pooled connections so that the file is released (tests delete it; a restart reopens it).
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static async Task RunAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
