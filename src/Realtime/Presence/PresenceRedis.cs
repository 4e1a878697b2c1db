using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Playbound.Realtime.Presence;

/// <summary>What the announcer and the replica do alike with Redis: connect, watch the connection, subscribe.</summary>
internal static class PresenceRedis
{
    /// <summary>How long to wait before trying a failed subscription again.</summary>
    public static readonly TimeSpan SubscribeRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>An id for this process's presence node or replica: readable, and unique per start.</summary>
    public static string NewId() => $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>
    /// The announcer's and the replica's own multiplexer. It does not give up when Redis is down at start: it keeps
    /// reconnecting in the background, like after any later loss, so a node never needs Redis up to boot.
    /// </summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(string configuration, string name, ILogger logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= name;
        options.SocketManager = SocketManager.ThreadPool; // as every Playbound Redis connection (ClusterSettings.RedisOptions)
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        redis.ConnectionFailed += (_, e) => logger.ConnectionLost(e.Exception, name, e.ConnectionType, e.FailureType);
        return redis;
    }

    /// <summary>
    /// Subscribes <paramref name="onMessage"/> to <paramref name="channel"/>, one message at a time in the order Redis
    /// delivered them (the handler-based API gives no order, and an offline after its online must stay after it). Tries
    /// again until it works: StackExchange.Redis registers a subscription before the server confirms it, so a failed
    /// attempt is wiped first, lest Redis's later resubscription feed a queue that nobody reads.
    /// </summary>
    public static async Task SubscribeAsync(
        ConnectionMultiplexer redis,
        string channel,
        Action<ChannelMessage> onMessage,
        string name,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        var literal = RedisChannel.Literal(channel);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var queue = await subscriber.SubscribeAsync(literal).WaitAsync(cancellationToken);
                queue.OnMessage(onMessage);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.SubscribeFailed(exception, name, channel, SubscribeRetryDelay);
                try
                {
                    await subscriber.UnsubscribeAsync(literal);
                }
                catch (Exception)
                {
                    // The local registration is gone whatever the server says; a stale server-side subscription only
                    // delivers to nobody until the connection drops.
                }

                await Task.Delay(SubscribeRetryDelay, time, cancellationToken);
            }
        }
    }
}
