using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Playbound.Grains.Posts.Views;

/// <summary>
/// Cluster mode's <see cref="IPostViewInvalidator"/>: forgets the view on this silo and publishes the post id on a
/// Redis channel every silo listens to. A silo whose Redis connection drops or comes back empties its cache, since it
/// may have missed invalidations meanwhile; a publish that fails is logged, and the other silos' views of that post
/// stay at most <see cref="PostViewCacheOptions.TimeToLive"/> old.
/// </summary>
internal sealed partial class RedisPostViewInvalidator(
    IConnectionMultiplexer redis, PostViewCache cache, string channel, ILogger<RedisPostViewInvalidator> logger)
    : BackgroundService, IPostViewInvalidator
{
    // Each message names its sender, which skips its own: it invalidated in place already.
    private readonly string _origin = Guid.NewGuid().ToString("N");

    private RedisChannel Channel => RedisChannel.Literal(channel);

    /// <inheritdoc />
    public async Task InvalidateAsync(string postId)
    {
        cache.Invalidate(postId);
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, $"{_origin} {postId}");
        }
        catch (RedisException exception)
        {
            LogPublishFailed(logger, exception, postId);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        redis.ConnectionFailed += (_, _) => cache.Clear();
        redis.ConnectionRestored += (_, _) => cache.Clear();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnMessage(message));
                // Views cached before the subscription heard no invalidations.
                cache.Clear();
                return;
            }
            catch (RedisException exception)
            {
                // StackExchange.Redis resubscribes by itself once subscribed; until then, keep trying.
                LogSubscribeFailed(logger, exception, channel);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void OnMessage(RedisValue message)
    {
        var text = message.ToString();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && !text.AsSpan(0, space).SequenceEqual(_origin))
        {
            cache.Invalidate(text[(space + 1)..]);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Could not tell the other silos that post {PostId} changed; their views of it expire on their own")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string postId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not subscribe to post view invalidations on {Channel}; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string channel);
}
