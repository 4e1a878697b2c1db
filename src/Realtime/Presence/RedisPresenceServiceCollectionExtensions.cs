using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playbound.Grains.Realtime;
using StackExchange.Redis;

namespace Playbound.Realtime.Presence;

/// <summary>Cluster-mode presence: which users hold a socket on some Api node, so silos push only to them.</summary>
public static class RedisPresenceServiceCollectionExtensions
{
    /// <summary>
    /// An Api node announces the users of its <see cref="ConnectedUsers"/> on Redis (<see cref="RedisPresenceOptions.Channel"/>):
    /// each first connection and last disconnection, a snapshot every <see cref="RedisPresenceOptions.SnapshotInterval"/>
    /// and whenever a silo asks, and a goodbye when the node stops.
    /// </summary>
    /// <param name="services">The Api node's services.</param>
    /// <param name="redis">A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c>.</param>
    /// <param name="configure">Changes to the defaults of <see cref="RedisPresenceOptions"/>; nothing is bound from configuration.</param>
    public static IServiceCollection AddRedisPresenceAnnouncer(
        this IServiceCollection services, string redis, Action<RedisPresenceOptions>? configure = null)
    {
        ValidateRedis(redis);
        AddOptions(services, configure);
        services.TryAddSingleton<ConnectedUsers>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RedisPresenceAnnouncer>(sp, redis));
        return services;
    }

    /// <summary>
    /// A silo's <see cref="IUserPresence"/> follows the Api nodes' announcements on Redis, and asks them for snapshots when
    /// it starts and whenever its Redis connection comes back.
    /// </summary>
    /// <param name="services">The silo's services.</param>
    /// <param name="redis">A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c>.</param>
    /// <param name="configure">Changes to the defaults of <see cref="RedisPresenceOptions"/>; nothing is bound from configuration.</param>
    public static IServiceCollection AddRedisPresenceReplica(
        this IServiceCollection services, string redis, Action<RedisPresenceOptions>? configure = null)
    {
        ValidateRedis(redis);
        AddOptions(services, configure);
        services.TryAddSingleton<ClusterPresence>();
        services.Replace(ServiceDescriptor.Singleton<IUserPresence>(static sp => sp.GetRequiredService<ClusterPresence>()));
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<RedisPresenceReplica>(sp, redis));
        return services;
    }

    private static void AddOptions(IServiceCollection services, Action<RedisPresenceOptions>? configure)
    {
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<RedisPresenceOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisPresenceOptions>, RedisPresenceOptionsValidator>());
    }

    // A typo in the connection string fails at registration, not minutes later in a background loop.
    private static void ValidateRedis(string redis)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redis);
        _ = ConfigurationOptions.Parse(redis);
    }
}
