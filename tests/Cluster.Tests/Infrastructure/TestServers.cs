using Npgsql;
using RabbitMQ.Client;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL and RabbitMQ the tests run against: <c>PLAYBOUND_TEST_POSTGRES</c> and <c>PLAYBOUND_TEST_RABBITMQ</c>,
/// or the local ones scripts/ensure-postgres.sh and scripts/ensure-rabbitmq.sh start.
/// </summary>
public static class TestServers
{
    private const string LocalPostgres = "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";
    private const string LocalRabbitMq = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>The connection string of the tests' database; clusters get databases of their own beside it.</summary>
    public static string Postgres { get; } = Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES") ?? LocalPostgres;

    /// <summary>The broker's URI.</summary>
    public static string RabbitMq { get; } = Environment.GetEnvironmentVariable("PLAYBOUND_TEST_RABBITMQ") ?? LocalRabbitMq;

    /// <summary>
    /// Whether the tests may restart PostgreSQL and RabbitMQ: only when both are the local ones the scripts manage and
    /// <c>PLAYBOUND_TEST_SERVER_RESTART=1</c> opts in, because a restart breaks every other test run using them.
    /// </summary>
    public static bool MayRestartServers => Environment.GetEnvironmentVariable("PLAYBOUND_TEST_SERVER_RESTART") == "1" && AreLocal;

    /// <summary>Whether the tests use the local PostgreSQL and RabbitMQ that the scripts manage.</summary>
    public static bool AreLocal =>
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES") is null && Environment.GetEnvironmentVariable("PLAYBOUND_TEST_RABBITMQ") is null;

    /// <summary>The connection string of database <paramref name="database"/> on the tests' server.</summary>
    public static string PostgresDatabase(string database) => new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    /// <summary>Creates the empty database <paramref name="database"/>.</summary>
    public static Task CreateDatabaseAsync(string database) => AdminAsync($"CREATE DATABASE \"{database}\"");

    /// <summary>Drops <paramref name="database"/>, disconnecting whoever is still in it.</summary>
    public static Task DropDatabaseAsync(string database) => AdminAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

    /// <summary>Deletes <paramref name="exchanges"/> from the broker (they are not durable, but outlive their cluster).</summary>
    public static async Task DeleteExchangesAsync(params string[] exchanges)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var exchange in exchanges)
        {
            await channel.ExchangeDeleteAsync(exchange);
        }
    }

    /// <summary>Deletes <paramref name="queues"/> from the broker (stream queues are durable and keep their events on disk).</summary>
    public static async Task DeleteQueuesAsync(params string[] queues)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(RabbitMq) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in queues)
        {
            await channel.QueueDeleteAsync(queue);
        }
    }

    private static async Task AdminAsync(string sql)
    {
        // CREATE/DROP DATABASE cannot run inside the database concerned; the tests' own database is a fine place to issue them.
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
