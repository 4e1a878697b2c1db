using Npgsql;
using RabbitMQ.Client;

namespace Playbound.Streams.RabbitMq.Tests;

/// <summary>
/// One test's share of the real servers: the PostgreSQL and RabbitMQ of <c>PLAYBOUND_TEST_POSTGRES</c> and
/// <c>PLAYBOUND_TEST_RABBITMQ</c> (else the local ones scripts/test.sh starts), a schema of its own for the outbox
/// and queues under a prefix of its own, all dropped on dispose, so tests cannot see each other's events.
/// </summary>
public sealed class StreamTestEnvironment : IAsyncDisposable
{
    public static readonly string PostgresConnectionString =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";

    public static readonly string BrokerUri =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_RABBITMQ") is { Length: > 0 } uri ? uri : RabbitMqStreamOptions.DefaultUri;

    /// <summary>Whether the broker is the local one this machine's tests may disturb (close connections).</summary>
    public static bool LocalBroker => Environment.GetEnvironmentVariable("PLAYBOUND_TEST_RABBITMQ") is not { Length: > 0 };

    private readonly string _id = Guid.NewGuid().ToString("N")[..12];

    public string Schema => "streams_" + _id;

    public string QueuePrefix => "test." + _id;

    public TestCluster Cluster { get; } = new();

    public DeliveryLog Log { get; } = new();

    public int Partitions { get; init; } = 4;

    /// <summary>Short waits so retries, reconnects and rebalances take well under a second.</summary>
    public void Configure(RabbitMqStreamOptions options)
    {
        options.Uri = BrokerUri;
        options.QueuePrefix = QueuePrefix;
        options.Partitions = Partitions;
        options.BatchSize = 100;
        options.PoisonRetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.RelayPollInterval = TimeSpan.FromMilliseconds(20);
        options.ReconnectInterval = TimeSpan.FromMilliseconds(300);
        options.RebalanceInterval = TimeSpan.FromMilliseconds(500);
    }

    /// <summary>Messages waiting in the dead-letter queue, taken off it.</summary>
    public async Task<List<BasicGetResult>> TakeDeadLettersAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(BrokerUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var letters = new List<BasicGetResult>();
        while (await channel.BasicGetAsync($"{QueuePrefix}.dead-letter", autoAck: true) is { } letter)
        {
            letters.Add(letter);
        }

        return letters;
    }

    public async Task<long> CountOutboxAsync()
    {
        await using var database = NpgsqlDataSource.Create(PostgresConnectionString);
        await using var command = database.CreateCommand($"SELECT count(*) FROM {Schema}.outbox");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long?> CheckpointOfAsync(int partition)
    {
        await using var database = NpgsqlDataSource.Create(PostgresConnectionString);
        await using var command = database.CreateCommand("SELECT \"offset\" FROM stream_checkpoint WHERE queue = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = $"{QueuePrefix}.{TickRecorderGrain.Namespace}.{partition}" });
        return await command.ExecuteScalarAsync() as long?;
    }

    /// <summary>Closes the broker connections of this test's silos, as a broker restart or a network cut would; returns how many.</summary>
    public async Task<int> CloseBrokerConnectionsAsync()
    {
        var connections = (await Shell($"rabbitmqctl -q list_connections pid client_properties | grep -F '{QueuePrefix}' | cut -f1"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var connection in connections)
        {
            await Shell($"rabbitmqctl -q close_connection '{connection}' 'test: broker lost'");
        }

        return connections.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = await new ConnectionFactory { Uri = new Uri(BrokerUri) }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            foreach (var queue in Enumerable.Range(0, Partitions).Select(p => $"{QueuePrefix}.{TickRecorderGrain.Namespace}.{p}").Append($"{QueuePrefix}.dead-letter"))
            {
                await channel.QueueDeleteAsync(queue);
            }
        }

        await using var database = NpgsqlDataSource.Create(PostgresConnectionString);
        await using var drop = database.CreateCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE; DELETE FROM stream_checkpoint WHERE queue LIKE '{QueuePrefix}.%'");
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> Shell(string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
