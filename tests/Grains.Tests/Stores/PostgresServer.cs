using Npgsql;

namespace Playbound.Grains.Tests.Stores;

/// <summary>
/// The PostgreSQL server of scripts/ensure-postgres.sh, or the one <c>PLAYBOUND_TEST_POSTGRES</c> names. Tests that
/// need it fail, never skip, when it is unreachable, so a missing server cannot pass CI silently.
/// </summary>
internal static class PostgresServer
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";

    /// <summary>Runs one statement; failing to connect explains how to get a server.</summary>
    public static async Task<object?> ScalarAsync(string sql)
    {
        NpgsqlConnection connection;
        try
        {
            connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable ({ex.Message}). Run scripts/ensure-postgres.sh, or set PLAYBOUND_TEST_POSTGRES.", ex);
        }

        await using (connection)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }
    }
}
