using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// An Api node's end of realtime routing in cluster mode. The node has one queue of its own (exclusive, so the broker
/// deletes it with the connection) bound to <c>user.{id}</c> for each user with a connection here and to
/// <c>post.{id}</c> for each post watched here; it hands what arrives to <see cref="IRealtimeDelivery"/>. It announces
/// its users on the presence exchange: each first connection and last disconnection, a snapshot of all of them every
/// <see cref="RabbitMqRealtimeOptions.PresenceSnapshotInterval"/>, and a goodbye when it stops.
/// </summary>
internal sealed class RealtimeNode : BackgroundService, IRealtimeRouting
{
    // Orders the reference counts with the bindings and announcements they cause: an unbind can never overtake the
    // bind it undoes, and a snapshot never misses a user whose binding is in place. One broker round trip per first
    // or last connection of a user is cheap next to the WebSocket handshake that caused it.
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _posts = new(StringComparer.Ordinal);
    private readonly RabbitMqRealtimeOptions _options;
    private readonly IRealtimeDelivery _delivery;
    private readonly TimeProvider _time;
    private readonly ILogger<RealtimeNode> _logger;
    private readonly BrokerSession _broker;
    private readonly string _queue;

    public RealtimeNode(
        IRealtimeDelivery delivery, IOptions<RabbitMqRealtimeOptions> options, TimeProvider time, ILogger<RealtimeNode> logger)
    {
        _options = options.Value;
        _delivery = delivery;
        _time = time;
        _logger = logger;
        NodeId = $"{Environment.MachineName}-{Guid.NewGuid():N}";
        _queue = $"{_options.Exchange}.node.{NodeId}";
        _broker = new BrokerSession(_options, "playbound-realtime-node", SetUpAsync, logger);
    }

    /// <summary>This node's id in presence announcements: unique per process start.</summary>
    public string NodeId { get; }

    /// <inheritdoc />
    public ValueTask UserConnectedAsync(string userId) => ChangeAsync(_users, RoutingKeys.User(userId), userId, +1);

    /// <inheritdoc />
    public ValueTask UserDisconnectedAsync(string userId) => ChangeAsync(_users, RoutingKeys.User(userId), userId, -1);

    /// <inheritdoc />
    public ValueTask PostWatchedAsync(string postId) => ChangeAsync(_posts, RoutingKeys.Post(postId), postId, +1);

    /// <inheritdoc />
    public ValueTask PostUnwatchedAsync(string postId) => ChangeAsync(_posts, RoutingKeys.Post(postId), postId, -1);

    /// <summary>Waits until the node is connected and set up; for tests, which must not push before routing exists.</summary>
    internal Task WaitConnectedAsync(CancellationToken cancellationToken) => _broker.WaitOpenAsync(cancellationToken);

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await AnnounceAsync(PresenceKinds.Gone, []);
        }
        finally
        {
            _changes.Release();
        }

        await _broker.DisposeAsync();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _broker.ConnectAsync(stoppingToken);
        using var timer = new PeriodicTimer(_options.PresenceSnapshotInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await _changes.WaitAsync(stoppingToken);
                try
                {
                    await AnnounceAsync(PresenceKinds.Snapshot, [.. _users.Keys]);
                }
                finally
                {
                    _changes.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask ChangeAsync(Dictionary<string, int> counts, string routingKey, string id, int delta)
    {
        await _changes.WaitAsync();
        try
        {
            var before = counts.GetValueOrDefault(id);
            var after = Math.Max(0, before + delta);
            if (after == 0)
            {
                counts.Remove(id);
            }
            else
            {
                counts[id] = after;
            }

            // Only the first and the last connection (or watcher) change routing.
            if ((before == 0) == (after == 0))
            {
                return;
            }

            var channel = _broker.Channel;
            if (channel is not { IsOpen: true })
            {
                return; // SetUpAsync binds from the counts once the broker is back.
            }

            try
            {
                if (after > 0)
                {
                    await channel.QueueBindAsync(_queue, _options.Exchange, routingKey);
                }
                else
                {
                    await channel.QueueUnbindAsync(_queue, _options.Exchange, routingKey);
                }
            }
            catch (Exception exception)
            {
                _logger.RoutingChangeFailed(exception, routingKey);
            }

            if (counts == _users)
            {
                await AnnounceAsync(after > 0 ? PresenceKinds.Online : PresenceKinds.Offline, [id]);
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    // Runs after the first connect and after each recovery, when the exclusive queue is new and bound to nothing.
    private async Task SetUpAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(_options.Exchange, ExchangeType.Topic, durable: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(
            _options.PresenceExchange, ExchangeType.Fanout, durable: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(_queue, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        await _changes.WaitAsync(cancellationToken);
        try
        {
            foreach (var routingKey in _users.Keys.Select(RoutingKeys.User).Concat(_posts.Keys.Select(RoutingKeys.Post)))
            {
                await channel.QueueBindAsync(_queue, _options.Exchange, routingKey, cancellationToken: cancellationToken);
            }

            await AnnounceAsync(channel, PresenceKinds.Snapshot, [.. _users.Keys], cancellationToken);
        }
        finally
        {
            _changes.Release();
        }

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        await channel.BasicConsumeAsync(_queue, autoAck: true, consumer, cancellationToken);
    }

    private async Task AnnounceAsync(string kind, string[] users)
    {
        if (_broker.Channel is { IsOpen: true } channel)
        {
            try
            {
                await AnnounceAsync(channel, kind, users, CancellationToken.None);
            }
            catch (Exception exception)
            {
                _logger.PresenceAnnounceFailed(exception, kind);
            }
        }
    }

    private Task AnnounceAsync(IChannel channel, string kind, string[] users, CancellationToken cancellationToken)
    {
        var message = new PresenceMessage(NodeId, kind, users, (long)_options.PresenceTtl.TotalMilliseconds);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, PresenceJson.Options);
        return channel.BasicPublishAsync(_options.PresenceExchange, "", body, cancellationToken).AsTask();
    }

    private Task OnReceivedAsync(object sender, BasicDeliverEventArgs message)
    {
        if (message.BasicProperties.Type is not { Length: > 0 } method
            || !RoutingKeys.TryParse(message.RoutingKey, out var isUser, out var id))
        {
            _logger.MalformedPush(message.RoutingKey);
            return Task.CompletedTask;
        }

        JsonElement payload;
        try
        {
            // Deserializing copies: the body's memory belongs to the client only until this handler returns.
            payload = JsonSerializer.Deserialize<JsonElement>(message.Body.Span);
        }
        catch (JsonException)
        {
            _logger.MalformedPush(message.RoutingKey);
            return Task.CompletedTask;
        }

        if (isUser)
        {
            _delivery.DeliverToUser(id, method, payload);
        }
        else
        {
            _delivery.DeliverToPostWatchers(id, method, payload);
        }

        return Task.CompletedTask;
    }
}
