using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Posts.Views;
using StackExchange.Redis;

namespace Playbound.Grains.Stores.Redis;

/// <summary>Cluster mode's Redis parts of the social stores; they use the <see cref="IConnectionMultiplexer"/> the host registers.</summary>
public static class RedisFeedServiceCollectionExtensions
{
    /// <summary>Keeps home feeds in Redis sorted sets (<see cref="RedisFeedStore"/>) in place of the social database's feed_entries.</summary>
    public static IServiceCollection AddRedisFeedStore(this IServiceCollection services, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        services.AddOptions<RedisFeedStoreOptions>().Configure(o => o.KeyPrefix = keyPrefix);
        services.Replace(ServiceDescriptor.Singleton<IFeedStore>(provider => new RedisFeedStore(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<IPostIndex>(),
            provider.GetRequiredService<IRepostStore>(),
            provider.GetRequiredService<IFollowGraph>(),
            provider.GetRequiredService<IOptions<FeedOptions>>(),
            provider.GetRequiredService<IOptions<RedisFeedStoreOptions>>())));
        return services;
    }

    /// <summary>Spreads post view invalidations to every silo's <see cref="PostViewCache"/> on <paramref name="channel"/>.</summary>
    public static IServiceCollection AddRedisPostViewInvalidation(this IServiceCollection services, string channel)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        services.AddSingleton(provider => new RedisPostViewInvalidator(
            provider.GetRequiredService<IConnectionMultiplexer>(),
            provider.GetRequiredService<PostViewCache>(),
            channel,
            provider.GetRequiredService<ILogger<RedisPostViewInvalidator>>()));
        services.Replace(ServiceDescriptor.Singleton<IPostViewInvalidator>(provider => provider.GetRequiredService<RedisPostViewInvalidator>()));
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<RedisPostViewInvalidator>());
        return services;
    }
}
