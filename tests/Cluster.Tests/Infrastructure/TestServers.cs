using Npgsql;
using Playbound.TestKit.Servers;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// The servers the cluster tests run against: the local PostgreSQL and Redis that scripts/test.sh starts, or others named
/// by <c>PLAYBOUND_TEST_POSTGRES</c> and <c>PLAYBOUND_TEST_REDIS</c>. Kafka is librdkafka's mock cluster, one per test
/// cluster (see <see cref="ClusterProcesses"/>).
/// </summary>
public static class TestServers
{
    private const string LocalPostgres = "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";

    /// <summary>The PostgreSQL the tests create their databases in.</summary>
    public static string Postgres { get; } = Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES") ?? LocalPostgres;

    /// <summary>The Redis the clusters keep membership, grain state and the realtime backplane in.</summary>
    public static string Redis => TestRedis.Configuration;

    /// <summary>Whether tests may restart the servers: asked for, and they are the local ones this machine manages.</summary>
    public static bool MayRestartServers => Environment.GetEnvironmentVariable("PLAYBOUND_TEST_SERVER_RESTART") == "1" && AreLocal;

    /// <summary>Whether the servers are the local ones scripts/test.sh manages.</summary>
    public static bool AreLocal =>
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES") is null && Environment.GetEnvironmentVariable("PLAYBOUND_TEST_REDIS") is null;

    /// <summary>The connection string of <paramref name="database"/> on <see cref="Postgres"/>.</summary>
    public static string PostgresDatabase(string database) => new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    /// <summary>Creates <paramref name="database"/>.</summary>
    public static Task CreateDatabaseAsync(string database) => AdminAsync($"CREATE DATABASE \"{database}\"");

    /// <summary>Drops <paramref name="database"/>, closing its connections.</summary>
    public static Task DropDatabaseAsync(string database) => AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    private static async Task AdminAsync(string sql)
    {
        // CREATE/DROP DATABASE cannot run inside the database concerned; the tests' own database is a fine place to issue them.
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
