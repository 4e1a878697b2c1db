using Npgsql;

namespace Playbound.Runtime.Tests.Storage;

/// <summary>
/// The PostgreSQL server the tests use. Tests that need it fail (never skip) when it is unreachable, so a missing
/// server cannot pass CI silently.
/// </summary>
public static class PostgresTestDatabase
{
    /// <summary>The environment variable that overrides <see cref="DefaultConnectionString"/>.</summary>
    public const string EnvironmentVariable = "PLAYBOUND_TEST_POSTGRES";

    /// <summary>The server scripts/ensure-postgres.sh sets up.</summary>
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";

    /// <summary>The connection string in use.</summary>
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>A schema name no other test run uses.</summary>
    public static string NewSchema() => "pbtest_" + Guid.NewGuid().ToString("N");

    /// <summary>Throws with setup instructions when the server cannot be reached.</summary>
    public static async Task EnsureReachableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at {builder.Host}:{builder.Port} (database {builder.Database}, user " +
                $"{builder.Username}): {ex.Message}. Run scripts/test.sh (it calls scripts/ensure-postgres.sh to install, " +
                $"start and set up PostgreSQL), or point {EnvironmentVariable} at a server.",
                ex);
        }
    }

    /// <summary>Drops a test schema and everything in it.</summary>
    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
