using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// One connection and one channel to the broker for one component. The client's automatic recovery restores a lost
/// connection and its channel; its topology recovery is off because the owner declares its queues and bindings
/// from its own current state instead (a binding asked for or dropped while the broker was away must count), so
/// <c>setUp</c> runs after the first connect and again after every recovery. The first connect is retried here:
/// the client recovers only connections that once opened. A channel the broker closes on an open connection (it
/// answers a publish to an exchange someone deleted that way) is replaced the same way. The channel is handed out only while set up: between a
/// recovery and the set-up after it, a publish to an exchange the restarted broker lost, or a bind to the queue not yet
/// declared again, would make the broker close the channel for good.
/// </summary>
internal sealed class BrokerSession(
    RabbitMqRealtimeOptions options, string name, Func<IChannel, CancellationToken, Task> setUp, ILogger logger) : IAsyncDisposable
{
    private IConnection? _connection;
    private volatile IChannel? _channel;
    private volatile bool _setUp;

    // One restore at a time: a recovery and a channel error can come together.
    private readonly SemaphoreSlim _restoring = new(1, 1);

    /// <summary>The channel while it is set up; null before the first connection and from a connection loss until set up again.</summary>
    public IChannel? Channel => _setUp ? _channel : null;

    /// <summary>Connects and sets up, retrying every <see cref="RabbitMqRealtimeOptions.ReconnectInterval"/> until it succeeds or is cancelled.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = false,
            NetworkRecoveryInterval = options.ReconnectInterval,
            // Names the connection in the broker's tools; the exchange tells apart deployments sharing a broker.
            ClientProvidedName = $"{name} on {options.Exchange}",
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            IConnection? connection = null;
            try
            {
                connection = await factory.CreateConnectionAsync(cancellationToken);
                var channel = await OpenChannelAsync(connection, cancellationToken);
                await setUp(channel, cancellationToken);
                connection.ConnectionShutdownAsync += (_, _) =>
                {
                    _setUp = false;
                    return Task.CompletedTask;
                };
                // Off the recovery thread: the client may still hold its own locks while it raises the event.
                connection.RecoverySucceededAsync += (_, _) =>
                {
                    _ = Task.Run(() => RestoreAsync(connection));
                    return Task.CompletedTask;
                };
                _connection = connection;
                _channel = channel;
                _setUp = true;
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
        while (Channel is not { IsOpen: true })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _setUp = false;
        _channel = null;
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<IChannel> OpenChannelAsync(IConnection connection, CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        channel.ChannelShutdownAsync += (_, args) =>
        {
            // A lost connection closes its channels too; the connection's recovery restores those.
            if (args.Initiator == ShutdownInitiator.Peer && connection.IsOpen)
            {
                _setUp = false;
                _ = Task.Run(() => RestoreAsync(connection));
            }

            return Task.CompletedTask;
        };
        return channel;
    }

    private async Task RestoreAsync(IConnection connection)
    {
        await _restoring.WaitAsync();
        try
        {
            var channel = _channel;
            if (channel is not { IsOpen: true })
            {
                channel = await OpenChannelAsync(connection, CancellationToken.None);
                _channel = channel;
            }

            await setUp(channel, CancellationToken.None);
            _setUp = true;
            logger.BrokerRecovered(name);
        }
        catch (Exception exception)
        {
            logger.SetUpAfterRecoveryFailed(exception, name);
        }
        finally
        {
            _restoring.Release();
        }
    }
}
