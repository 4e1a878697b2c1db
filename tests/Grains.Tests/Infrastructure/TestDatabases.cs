using Npgsql;
using Playbound.Grains.Tests.Stores;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>
/// Real databases for cluster tests: a fresh SQLite directory each, or a fresh PostgreSQL database each on the
/// <see cref="PostgresServer"/> (clusters never share one unless a test restarts on it).
/// </summary>
public static class TestDatabases
{
    public static string NewSqliteDirectory() => Directory.CreateTempSubdirectory("playbound-grains-").FullName;

    /// <summary>Creates an empty PostgreSQL database and returns its name.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var name = "pbgrains_" + Guid.NewGuid().ToString("N");
        await PostgresServer.ScalarAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>Drops a database made by <see cref="NewPostgresDatabaseAsync"/>.</summary>
    public static async Task DropPostgresDatabaseAsync(string name)
    {
        await PostgresServer.ScalarAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static string PostgresConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = database }.ConnectionString;
}
