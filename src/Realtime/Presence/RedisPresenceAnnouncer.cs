using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Playbound.Realtime.Presence;

/// <summary>
/// An Api node's side of cluster presence: announces the users of its <see cref="ConnectedUsers"/> on
/// <see cref="RedisPresenceOptions.Channel"/>. Changes go out as they happen, gathered into a few
/// <see cref="PresenceKinds.Online"/>/<see cref="PresenceKinds.Offline"/> messages per burst; a full
/// <see cref="PresenceKinds.Snapshot"/> goes out every <see cref="RedisPresenceOptions.SnapshotInterval"/>, at start, after
/// each reconnection to Redis and whenever a silo says <see cref="PresenceKinds.Hello"/>; <see cref="PresenceKinds.Gone"/>
/// goes out when the node stops gracefully.
/// </summary>
/// <remarks>
/// One loop publishes everything, one message at a time, so announcements reach Redis in the order they were decided.
/// A snapshot is read from <see cref="ConnectedUsers"/> inside that loop, after the queued changes are drained: every
/// drained change is already in the read (the hub records a change before raising it), and every later change is
/// queued behind the snapshot, so a silo never sees a stale snapshot overtake a newer offline.
/// </remarks>
internal sealed class RedisPresenceAnnouncer : BackgroundService
{
    /// <summary>How long the loop lets a burst of connects gather before announcing it.</summary>
    internal static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(20);

    /// <summary>The most user changes one message carries, which bounds a message's size under a storm.</summary>
    internal const int MaxBatch = 5_000;

    private const string Name = "playbound-presence-announcer";

    // A null user asks for a snapshot; the rest are the hub's changes in the order it raised them.
    private readonly Channel<(string? User, bool Online)> _signals =
        Channel.CreateUnbounded<(string? User, bool Online)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly string _configuration;
    private readonly ConnectedUsers _users;
    private readonly RedisPresenceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisPresenceAnnouncer> _logger;
    private ConnectionMultiplexer? _redis;

    public RedisPresenceAnnouncer(
        string configuration,
        ConnectedUsers users,
        IOptions<RedisPresenceOptions> options,
        TimeProvider time,
        ILogger<RedisPresenceAnnouncer> logger)
    {
        _configuration = configuration;
        _users = users;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>This node's id in announcements: unique per process start, so a restarted node is a new node.</summary>
    public string NodeId { get; } = PresenceRedis.NewId();

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscribed before the first snapshot is asked for: a user who connects in between is in the snapshot or in a
        // change queued after it, never in neither.
        _users.Changed += OnChanged;
        RequestSnapshot();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _users.Changed -= OnChanged;
        await base.StopAsync(cancellationToken);
        if (_redis is not { } redis)
        {
            return;
        }

        // After the loop has finished, so nothing the node says can follow its goodbye. Without Redis there is no one
        // to tell: silos cut off from the node expire it anyway.
        if (redis.IsConnected)
        {
            await PublishAsync(redis, PresenceKinds.Gone, [], cancellationToken);
        }

        _redis = null;
        await redis.DisposeAsync();
    }

    /// <inheritdoc />
    /// <remarks>Disposed without a stop (a host torn down abruptly) the node just falls silent and silos expire it.</remarks>
    public override void Dispose()
    {
        _users.Changed -= OnChanged;
        base.Dispose();
        _redis?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var redis = await PresenceRedis.ConnectAsync(_configuration, Name, _logger);
        _redis = redis;
        // Whatever was lost while Redis was away, a fresh snapshot replaces it.
        redis.ConnectionRestored += (_, e) =>
        {
            _logger.ConnectionBack(Name, e.ConnectionType);
            RequestSnapshot();
        };
        _logger.AnnouncerStarted(NodeId, _options.Channel);
        try
        {
            await Task.WhenAll(
                PresenceRedis.SubscribeAsync(redis, _options.HelloChannel, OnHello, Name, _time, _logger, stoppingToken),
                TickSnapshotsAsync(stoppingToken),
                PublishLoopAsync(redis, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TickSnapshotsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SnapshotInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            RequestSnapshot();
        }
    }

    private async Task PublishLoopAsync(ConnectionMultiplexer redis, CancellationToken stoppingToken)
    {
        var reader = _signals.Reader;
        var changes = new Dictionary<string, bool>(StringComparer.Ordinal);
        var snapshotOwed = false;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(BatchWindow, _time, stoppingToken);
            var snapshot = false;
            while (changes.Count < MaxBatch && reader.TryRead(out var signal))
            {
                if (signal.User is null)
                {
                    snapshot = true;
                }
                else
                {
                    // The last change of a user in the batch is where they ended up.
                    changes[signal.User] = signal.Online;
                }
            }

            if (!redis.IsConnected)
            {
                // Nothing to gain from queueing in the client's backlog while Redis is away (and a stall of its timeout
                // per message): drop the changes and owe a snapshot, which says all of them at once when Redis is back.
                snapshotOwed = true;
                changes.Clear();
                continue;
            }

            if (snapshot || snapshotOwed)
            {
                snapshotOwed = false;
                // The read covers every change drained above (see the remarks); many requests in one window (a
                // Redis restart makes every silo say hello) cost one snapshot.
                await PublishAsync(redis, PresenceKinds.Snapshot, [.. _users.OnlineUsers()], CancellationToken.None);
            }
            else
            {
                // Each user is in one list only, so their order is free; offline first means a change made after
                // another never reaches silos before it, even when both fall into one batch.
                string[] offline = [.. changes.Where(static c => !c.Value).Select(static c => c.Key)];
                string[] online = [.. changes.Where(static c => c.Value).Select(static c => c.Key)];
                if (offline.Length > 0)
                {
                    await PublishAsync(redis, PresenceKinds.Offline, offline, CancellationToken.None);
                }

                if (online.Length > 0)
                {
                    await PublishAsync(redis, PresenceKinds.Online, online, CancellationToken.None);
                }
            }

            changes.Clear();
        }
    }

    private async Task PublishAsync(ConnectionMultiplexer redis, string kind, string[] users, CancellationToken cancellationToken)
    {
        var message = new PresenceMessage(NodeId, kind, users, (long)_options.Ttl.TotalMilliseconds);
        try
        {
            // While Redis is away this waits in the client's backlog up to its timeout; changes queue up meanwhile and
            // go out together, and the snapshot after reconnection makes up for whatever timed out.
            await redis.GetSubscriber()
                .PublishAsync(RedisChannel.Literal(_options.Channel), PresenceJson.Serialize(message))
                .WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.AnnounceFailed(exception, kind);
        }
        catch (OperationCanceledException)
        {
            _logger.AnnounceFailed(new TimeoutException("stopping before Redis answered"), kind);
        }
    }

    private void OnHello(ChannelMessage message)
    {
        if (!PresenceJson.TryParse(((byte[]?)message.Message) ?? [], out var hello, out var problem)
            || hello.Kind != PresenceKinds.Hello)
        {
            _logger.MalformedPresence(_options.HelloChannel, problem ?? "not a hello");
            return;
        }

        _logger.HelloReceived(hello.Node);
        RequestSnapshot();
    }

    // Raised under ConnectedUsers' lock: only queue.
    private void OnChanged(string userId, bool online) => _signals.Writer.TryWrite((userId, online));

    private void RequestSnapshot() => _signals.Writer.TryWrite((null, false));
}
