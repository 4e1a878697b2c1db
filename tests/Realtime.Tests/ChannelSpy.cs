using System.Collections.Concurrent;
using Playbound.Realtime.Presence;
using StackExchange.Redis;

namespace Playbound.Realtime.Tests;

/// <summary>A plain Redis client on a test's presence channels: sees what nodes and silos say, and can say anything.</summary>
internal sealed class ChannelSpy : IAsyncDisposable
{
    private readonly ConcurrentQueue<PresenceMessage> _seen = new();
    private readonly ConnectionMultiplexer _redis;
    private readonly RedisPresenceOptions _options;

    private ChannelSpy(ConnectionMultiplexer redis, RedisPresenceOptions options)
    {
        _redis = redis;
        _options = options;
    }

    /// <summary>Everything parsable seen on the announcement and hello channels, in arrival order per channel.</summary>
    public IReadOnlyCollection<PresenceMessage> Seen => _seen;

    public static async Task<ChannelSpy> StartAsync(string channel, string? redis = null)
    {
        var options = new RedisPresenceOptions { Channel = channel };
        var spy = new ChannelSpy(await ConnectionMultiplexer.ConnectAsync(redis ?? TestRedis.Address), options);
        foreach (var name in new[] { options.Channel, options.HelloChannel })
        {
            var queue = await spy._redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(name));
            queue.OnMessage(m =>
            {
                if (PresenceJson.TryParse((byte[])m.Message!, out var message, out _))
                {
                    spy._seen.Enqueue(message);
                }
            });
        }

        return spy;
    }

    /// <summary>Whether a node announced <paramref name="user"/> (in any kind that lists users).</summary>
    public bool SawAnnounced(string user) => _seen.Any(m => m.Kind != PresenceKinds.Offline && m.Users.Contains(user));

    public Task PublishAsync(string payload) =>
        _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(_options.Channel), payload);

    public Task PublishAsync(byte[] payload) =>
        _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(_options.Channel), payload);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();
}
