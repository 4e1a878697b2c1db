using Microsoft.Data.Sqlite;

namespace Playbound.Persistence.Sqlite;

/// <summary>Opens connections to one SQLite file with the settings every Playbound store relies on.</summary>
public static class SqliteConnections
{
    /// <summary>
    /// Opens a pooled connection in WAL mode. <c>synchronous=NORMAL</c> under WAL keeps every committed transaction
    /// through a kill -9 of the process (only a power loss can drop the last commits), at a fraction of FULL's fsyncs.
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string databasePath, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Creates the directory of <paramref name="databasePath"/> when missing.</summary>
    public static void EnsureDirectory(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }
}
