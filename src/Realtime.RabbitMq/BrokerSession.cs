using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// One connection and one channel to the broker for one component. The client's automatic recovery restores a lost
/// connection and its channel; its topology recovery is off because the owner declares its queues and bindings
/// from its own current state instead (a binding asked for or dropped while the broker was away must count), so
/// <c>setUp</c> runs after the first connect and again after every recovery. The first connect is retried here:
/// the client recovers only connections that once opened.
/// </summary>
internal sealed class BrokerSession(
    RabbitMqRealtimeOptions options, string name, Func<IChannel, CancellationToken, Task> setUp, ILogger logger) : IAsyncDisposable
{
    private IConnection? _connection;
    private volatile IChannel? _channel;

    /// <summary>The set-up channel; null before the first connection, and not open while the client recovers.</summary>
    public IChannel? Channel => _channel;

    /// <summary>Connects and sets up, retrying every <see cref="RabbitMqRealtimeOptions.ReconnectInterval"/> until it succeeds or is cancelled.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = false,
            NetworkRecoveryInterval = options.ReconnectInterval,
            ClientProvidedName = name,
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            IConnection? connection = null;
            try
            {
                connection = await factory.CreateConnectionAsync(cancellationToken);
                var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                await setUp(channel, cancellationToken);
                // Off the recovery thread: the client may still hold its own locks while it raises the event.
                connection.RecoverySucceededAsync += (_, _) =>
                {
                    _ = Task.Run(() => SetUpAgainAsync(channel));
                    return Task.CompletedTask;
                };
                _connection = connection;
                _channel = channel;
                logger.BrokerConnected(name);
                return;
            }
            catch (Exception exception)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                logger.BrokerUnreachable(exception, name, options.ReconnectInterval);
            }

            try
            {
                await Task.Delay(options.ReconnectInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until the channel is set up and open; tests use it so that they push only once routing exists.</summary>
    public async Task WaitOpenAsync(CancellationToken cancellationToken)
    {
        while (_channel is not { IsOpen: true })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _channel = null;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task SetUpAgainAsync(IChannel channel)
    {
        try
        {
            await setUp(channel, CancellationToken.None);
            logger.BrokerRecovered(name);
        }
        catch (Exception exception)
        {
            logger.SetUpAfterRecoveryFailed(exception, name);
        }
    }
}
