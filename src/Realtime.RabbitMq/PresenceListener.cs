using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// Feeds a silo's <see cref="ClusterPresence"/> from the presence exchange through a queue of the silo's own (exclusive,
/// so it goes with the connection), and expires silent nodes. A silo that just started, or just got its connection
/// back, learns each node's users from that node's next snapshot (<see cref="RabbitMqRealtimeOptions.PresenceSnapshotInterval"/>);
/// until then it skips pushes to them, which clients make up through REST.
/// </summary>
internal sealed class PresenceListener : BackgroundService
{
    private readonly ClusterPresence _presence;
    private readonly RabbitMqRealtimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PresenceListener> _logger;
    private readonly BrokerSession _broker;

    public PresenceListener(
        ClusterPresence presence, IOptions<RabbitMqRealtimeOptions> options, TimeProvider time, ILogger<PresenceListener> logger)
    {
        _presence = presence;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _broker = new BrokerSession(_options, "playbound-presence-listener", SetUpAsync, logger);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _broker.DisposeAsync();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connecting = _broker.ConnectAsync(stoppingToken);
        // Four checks per TTL: a vanished node's users go offline at most a quarter TTL late.
        using var timer = new PeriodicTimer(_options.PresenceTtl / 4, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _presence.Expire();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await connecting;
    }

    private async Task SetUpAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(
            _options.PresenceExchange, ExchangeType.Fanout, durable: false, autoDelete: false, cancellationToken: cancellationToken);
        var queue = await channel.QueueDeclareAsync(
            "", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.QueueName, _options.PresenceExchange, "", cancellationToken: cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += OnReceivedAsync;
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken);
    }

    private Task OnReceivedAsync(object sender, BasicDeliverEventArgs message)
    {
        try
        {
            if (JsonSerializer.Deserialize<PresenceMessage>(message.Body.Span, PresenceJson.Options) is { Node: not null, Kind: not null, Users: not null } presence)
            {
                _presence.Apply(presence);
                return Task.CompletedTask;
            }

            _logger.MalformedPresence(null);
        }
        catch (JsonException exception)
        {
            _logger.MalformedPresence(exception);
        }

        return Task.CompletedTask;
    }
}
