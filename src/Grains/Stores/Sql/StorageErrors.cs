using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;

namespace Playbound.Grains.Stores.Sql;

/// <summary>The storage side's rules for the <c>storage</c> dependency circuit.</summary>
public static class StorageErrors
{
    // SQLite result codes (sqlite3.h).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;

    /// <summary>
    /// Whether a storage call that failed with <paramref name="exception"/> may be tried again: a transient error
    /// (connection refused or dropped, pool exhausted, serialization failure 40001, deadlock 40P01, SQLite busy or
    /// locked). Safe for writes because every store commits through <see cref="StorageTransactions.CommitAsync"/>:
    /// an error before the commit rolled the transaction back, and a failed commit is a
    /// <see cref="CommitOutcomeUnknownException"/>, which is never transient whatever its cause.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        CommitOutcomeUnknownException => false,
        NpgsqlException npgsql => npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// Whether <paramref name="exception"/> is a normal answer of a healthy database rather than a failure of it: an
    /// ETag conflict, or a violated constraint (a user name already taken).
    /// </summary>
    public static bool IsExpected(Exception exception) => exception switch
    {
        InconsistentStateException => true,
        PostgresException postgres => postgres.SqlState.StartsWith("23", StringComparison.Ordinal),
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint,
        _ => false,
    };
}
