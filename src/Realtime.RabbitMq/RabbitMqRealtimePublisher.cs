using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Grains;
using Playbound.Grains.Json;
using Playbound.Grains.Realtime;
using Playbound.Runtime.Resilience;
using RabbitMQ.Client;

namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// A silo's <see cref="IRealtimePublisher"/> in cluster mode: each push becomes one message per recipient on the topic
/// exchange (<c>user.{id}</c>, <c>post.{id}</c>), which the broker hands only to the Api nodes holding a binding for
/// it. Grains never wait on the broker: a push goes into a bounded queue that one loop publishes from. The loop
/// publishes without confirms, since a push is best effort and nobody would retry it; while the broker is away, and
/// when the queue is full, pushes are dropped, logged once per outage, and flow again once the client recovers.
/// Publishes go through the <see cref="DependencyCircuits.Broker"/> circuit: a push that finds the broker away counts
/// as a failure, so the circuit opens (and the silo's <c>/health/ready</c> says so) and later pushes are dropped at once.
/// </summary>
internal sealed class RabbitMqRealtimePublisher : BackgroundService, IRealtimePublisher
{
    /// <summary>
    /// The JSON clients get from the hub: SignalR writes camelCase with the default encoder, as the web defaults do,
    /// and the hub adds the UTC time converter. Api nodes forward these bytes unchanged.
    /// </summary>
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web) { Converters = { new UtcDateTimeOffsetConverter() } };

    private readonly Channel<Push> _pushes;
    private readonly BrokerSession _broker;
    private readonly DependencyCircuit _circuit;
    private readonly string _exchange;
    private readonly ILogger<RabbitMqRealtimePublisher> _logger;
    private long _dropped;

    public RabbitMqRealtimePublisher(
        IOptions<RabbitMqRealtimeOptions> options, DependencyCircuits circuits, ILogger<RabbitMqRealtimePublisher> logger)
    {
        _circuit = circuits.Get(DependencyCircuits.Broker);
        var settings = options.Value;
        _exchange = settings.Exchange;
        _logger = logger;
        _pushes = Channel.CreateBounded<Push>(new BoundedChannelOptions(settings.PublishQueueCapacity) { SingleReader = true });
        _broker = new BrokerSession(settings, "playbound-realtime-publisher", DeclareAsync, logger);
    }

    /// <inheritdoc />
    public void PushToUsers(IReadOnlyCollection<string> userIds, string method, object payload)
    {
        if (userIds.Count > 0)
        {
            Enqueue(new Push([.. userIds.Select(RoutingKeys.User)], method, payload));
        }
    }

    /// <inheritdoc />
    public void PushToPostWatchers(PostCounts counts) =>
        Enqueue(new Push([RoutingKeys.Post(counts.PostId)], RealtimeMethods.PostUpdated, counts));

    /// <summary>Waits until the publisher is connected; for tests, whose pushes would be dropped before.</summary>
    internal Task WaitConnectedAsync(CancellationToken cancellationToken) => _broker.WaitOpenAsync(cancellationToken);

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _broker.DisposeAsync();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Connecting runs beside the loop, so pushes made before the broker answers are dropped, not piled up stale.
        var connecting = _broker.ConnectAsync(stoppingToken);
        try
        {
            await foreach (var push in _pushes.Reader.ReadAllAsync(stoppingToken))
            {
                await PublishAsync(push, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await connecting;
    }

    // Runs after the first connect and after every recovery: the broker is back, so pushes need not wait out the break.
    private async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(_exchange, ExchangeType.Topic, durable: false, autoDelete: false, cancellationToken: cancellationToken);
        await _circuit.CloseAsync(cancellationToken);
    }

    private void Enqueue(Push push)
    {
        if (!_pushes.Writer.TryWrite(push))
        {
            Dropped(push.RoutingKeys.Length, null);
        }
    }

    private async Task PublishAsync(Push push, CancellationToken cancellationToken)
    {
        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(push.Payload, push.Payload.GetType(), PayloadJson);
            var properties = new BasicProperties { Type = push.Method };
            await _circuit.ExecuteAsync(token => PublishOnceAsync(push.RoutingKeys, properties, body, token), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // BrokenCircuitException (the circuit is open) included: the push is dropped without trying the broker.
            Dropped(push.RoutingKeys.Length, exception);
            return;
        }

        if (Volatile.Read(ref _dropped) > 0)
        {
            _logger.PushesResumed(Interlocked.Exchange(ref _dropped, 0));
        }
    }

    private async ValueTask PublishOnceAsync(
        string[] routingKeys, BasicProperties properties, byte[] body, CancellationToken cancellationToken)
    {
        if (_broker.Channel is not { IsOpen: true } channel)
        {
            throw new BrokerNotConnectedException();
        }

        foreach (var routingKey in routingKeys)
        {
            await channel.BasicPublishAsync(_exchange, routingKey, mandatory: false, properties, body, cancellationToken);
        }
    }

    // Logs the first drop of an outage only: a broker restart under load would otherwise log a line per push.
    private void Dropped(int messages, Exception? exception)
    {
        if (Interlocked.Add(ref _dropped, messages) == messages)
        {
            _logger.PushesDropped(exception);
        }
    }

    private sealed record Push(string[] RoutingKeys, string Method, object Payload);
}
