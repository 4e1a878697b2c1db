using RabbitMQ.Client;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// One connection to the broker for one silo's streams, and its publishing channel with publisher confirms. The
/// client's automatic recovery is off: consumers must resume from their checkpoints, not from the offsets they were
/// first opened with, so when the connection is lost <see cref="Lost"/> fires, everything on it stops, and the relay
/// opens a new session.
/// </summary>
internal sealed class StreamBrokerSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost = new();

    private StreamBrokerSession(IConnection connection, IChannel publisher)
    {
        Connection = connection;
        Publisher = publisher;
        connection.ConnectionShutdownAsync += (_, _) =>
        {
            _lost.Cancel();
            return Task.CompletedTask;
        };
        if (!connection.IsOpen)
        {
            _lost.Cancel();
        }
    }

    public IConnection Connection { get; }

    /// <summary>The channel events and dead letters are published on; each publish completes once the broker confirmed it.</summary>
    public IChannel Publisher { get; }

    /// <summary>Cancelled when the connection is lost or closed.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Connects and declares every partition's stream queue and the dead-letter queue.</summary>
    public static async Task<StreamBrokerSession> OpenAsync(
        RabbitMqStreamOptions options, StreamPartitioner partitioner, IEnumerable<StreamPartition> partitions,
        string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = clientName,
        };
        var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var publisher = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
                cancellationToken).ConfigureAwait(false);
            var streamArguments = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "stream",
                ["x-max-length-bytes"] = options.MaxQueueBytes,
            };
            foreach (var partition in partitions)
            {
                await publisher.QueueDeclareAsync(
                    partitioner.QueueName(partition), durable: true, exclusive: false, autoDelete: false, streamArguments,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await publisher.QueueDeclareAsync(
                partitioner.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return new StreamBrokerSession(connection, publisher);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Publishes to a queue through the default exchange and waits for the broker's confirm.</summary>
    public ValueTask PublishAsync(string queue, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        Publisher.BasicPublishAsync("", queue, mandatory: true, properties, body, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _lost.Cancel();
        await Connection.DisposeAsync().ConfigureAwait(false);
        _lost.Dispose();
    }
}
