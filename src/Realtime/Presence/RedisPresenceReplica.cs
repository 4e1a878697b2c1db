using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Playbound.Realtime.Presence;

/// <summary>
/// A silo's side of cluster presence: feeds <see cref="ClusterPresence"/> from the Api nodes' announcements on
/// <see cref="RedisPresenceOptions.Channel"/> and expires the nodes that fell silent. Once subscribed, and again each
/// time its Redis connection comes back, it says <see cref="PresenceKinds.Hello"/> on
/// <see cref="RedisPresenceOptions.HelloChannel"/>, and every live node answers with a snapshot at once: a silo that
/// just started, or missed announcements while Redis was away, knows who is online within a round trip instead of a
/// <see cref="RedisPresenceOptions.SnapshotInterval"/>.
/// </summary>
internal sealed class RedisPresenceReplica : BackgroundService
{
    private const string Name = "playbound-presence-replica";

    private readonly string _configuration;
    private readonly ClusterPresence _presence;
    private readonly RedisPresenceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisPresenceReplica> _logger;
    private ConnectionMultiplexer? _redis;

    public RedisPresenceReplica(
        string configuration,
        ClusterPresence presence,
        IOptions<RedisPresenceOptions> options,
        TimeProvider time,
        ILogger<RedisPresenceReplica> logger)
    {
        _configuration = configuration;
        _presence = presence;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>This replica's id in its hellos, so the nodes' logs say which silo asked.</summary>
    public string ReplicaId { get; } = PresenceRedis.NewId();

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_redis is { } redis)
        {
            _redis = null;
            await redis.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        _redis?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Expiry runs even while Redis is unreachable: nodes that cannot be heard cannot be trusted either.
        var expiring = ExpireLoopAsync(stoppingToken);
        try
        {
            var redis = await PresenceRedis.ConnectAsync(_configuration, Name, _logger);
            _redis = redis;
            // StackExchange.Redis resubscribes by itself when a connection comes back; announcements sent meanwhile
            // are lost, so ask for snapshots again. Hello on every restored connection (interactive and subscription,
            // in either order) costs the nodes at most a snapshot or two, as they answer a burst of hellos with one.
            redis.ConnectionRestored += (_, e) =>
            {
                _logger.ConnectionBack(Name, e.ConnectionType);
                _ = SayHelloAsync(redis);
            };
            await PresenceRedis.SubscribeAsync(redis, _options.Channel, OnMessage, Name, _time, _logger, stoppingToken);
            _logger.ReplicaStarted(ReplicaId, _options.Channel);
            // Only now: an answer sent before the subscription was in place would reach nobody.
            await SayHelloAsync(redis);
            await expiring;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ExpireLoopAsync(CancellationToken stoppingToken)
    {
        // Four checks per TTL: a vanished node's users go offline at most a quarter TTL late.
        using var timer = new PeriodicTimer(_options.Ttl / 4, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var node in _presence.Expire())
                {
                    _logger.NodeExpired(node);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SayHelloAsync(ConnectionMultiplexer redis)
    {
        var hello = new PresenceMessage(ReplicaId, PresenceKinds.Hello, [], 0);
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(_options.HelloChannel), PresenceJson.Serialize(hello));
        }
        catch (Exception exception)
        {
            _logger.HelloFailed(exception);
        }
    }

    // Called by the subscription's queue one message at a time, in Redis's order; must never throw.
    private void OnMessage(ChannelMessage message)
    {
        if (!PresenceJson.TryParse(((byte[]?)message.Message) ?? [], out var presence, out var problem))
        {
            _logger.MalformedPresence(_options.Channel, problem);
            return;
        }

        if (!PresenceKinds.IsAnnouncement(presence.Kind))
        {
            _logger.MalformedPresence(_options.Channel, $"a {presence.Kind} where only announcements belong");
            return;
        }

        try
        {
            _presence.Apply(presence);
        }
        catch (Exception exception)
        {
            _logger.ApplyFailed(exception, presence.Kind, presence.Node);
        }
    }
}
