using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Playbound.Grains.Json;
using Playbound.Grains.Realtime;
using StackExchange.Redis;

namespace Playbound.Realtime;

/// <summary>Registers the feed hub's SignalR services, identically on Api nodes (which serve the hub) and silos (which push to it).</summary>
public static class RealtimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds SignalR with Playbound's JSON settings, <see cref="ConnectedUsers"/>, and <see cref="IRealtimePublisher"/>
    /// pushing through the hub. With <paramref name="redis"/> (cluster mode) the hub's groups span processes through the
    /// official Redis backplane: a silo's push reaches a user's socket on whichever Api node holds it. Its channels start
    /// with <paramref name="channelPrefix"/> (the Orleans cluster id), so several clusters can share one Redis.
    /// </summary>
    public static ISignalRServerBuilder AddFeedHub(this IServiceCollection services, string? redis, string channelPrefix)
    {
        var signalR = services.AddSignalR()
            .AddJsonProtocol(static o => o.PayloadSerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter()));
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);

                // Replies on the .NET thread pool, as every Playbound Redis connection (ClusterSettings.RedisOptions).
                o.Configuration.SocketManager = SocketManager.ThreadPool;
            });
        }

        services.TryAddSingleton<ConnectedUsers>();
        services.AddMetrics();
        services.TryAddSingleton<RealtimeMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, RealtimeMetricsStartup>());
        services.Replace(ServiceDescriptor.Singleton<IRealtimePublisher, HubRealtimePublisher>());
        return signalR;
    }
}
