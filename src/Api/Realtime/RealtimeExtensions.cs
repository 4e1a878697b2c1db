using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Playbound.Api.RateLimiting;
using Playbound.Grains.Realtime;
using Playbound.Hosting;
using Playbound.Realtime;
using Playbound.Realtime.Presence;

namespace Playbound.Api.Realtime;

/// <summary>The realtime hub's registration and mapping.</summary>
public static class RealtimeExtensions
{
    /// <summary>
    /// Adds the hub (<see cref="FeedHub"/>, JSON protocol, a rate-limit filter, users identified by the token's
    /// subject). In embedded mode the grains of this process push through it and ask its <see cref="ConnectedUsers"/>
    /// who is online; in cluster mode the hub's groups span Api nodes through the Redis backplane and this node
    /// announces its users on Redis, so the silos push only to users connected somewhere.
    /// </summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        var cluster = ClusterSettings.From(builder.Configuration, StorageSettings.From(builder.Configuration));
        var services = builder.Services;
        services.AddFeedHub(cluster.Enabled ? cluster.Redis : null, cluster.ClusterId);
        services.Configure<HubOptions>(static o => o.AddFilter<HubRateLimitFilter>());
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        if (cluster.Enabled)
        {
            services.AddRedisPresenceAnnouncer(cluster.Redis!, o => o.Channel = cluster.PresenceChannel);
        }
        else
        {
            services.Replace(ServiceDescriptor.Singleton<IUserPresence>(static sp => sp.GetRequiredService<ConnectedUsers>()));
        }

        return builder;
    }

    /// <summary>Maps the hub at <see cref="FeedHub.Path"/>; connections close when their access token expires.</summary>
    public static WebApplication MapFeedHub(this WebApplication app)
    {
        app.MapHub<FeedHub>(FeedHub.Path, static o => o.CloseOnAuthenticationExpiration = true)
            .RequireRateLimiting(RateLimitPolicies.User);
        return app;
    }
}
