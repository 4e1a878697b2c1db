using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Playbound.Api.RateLimiting;
using Playbound.Grains.Json;
using Playbound.Grains.Realtime;
using Playbound.Realtime.RabbitMq;

namespace Playbound.Api.Realtime;

/// <summary>Registers and maps the realtime hub.</summary>
public static class RealtimeExtensions
{
    /// <summary>
    /// Adds SignalR (JSON, the REST API's time format), the rate-limit hub filter, and this process's connections as
    /// the grains' <see cref="IUserPresence"/> and <see cref="IRealtimePublisher"/>.
    /// </summary>
    public static IHostApplicationBuilder AddRealtime(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSignalR(static o => o.AddFilter<HubRateLimitFilter>())
            .AddJsonProtocol(static o => o.PayloadSerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter()));
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddSingleton<ConnectedUsers>();
        services.Replace(ServiceDescriptor.Singleton<IUserPresence>(static sp => sp.GetRequiredService<ConnectedUsers>()));
        services.Replace(ServiceDescriptor.Singleton<IRealtimePublisher, HubRealtimePublisher>());
        services.TryAddSingleton<IRealtimeRouting, NoRealtimeRouting>();
        return builder;
    }

    /// <summary>
    /// For an Api node in cluster mode, on top of <see cref="AddRealtime"/>: the pushes for the users connected here
    /// and the posts watched here arrive through RabbitMQ (<c>Playbound:Realtime:RabbitMq</c>) and go out through
    /// the hub; the node announces its users so silos push only to users who are online somewhere.
    /// </summary>
    public static IHostApplicationBuilder AddClusterRealtime(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRabbitMqRealtimeNode<HubRealtimePublisher>();
        return builder;
    }

    /// <summary>
    /// Maps <see cref="FeedHub"/>. Connecting counts against the caller's HTTP rate limit; a connection closes when
    /// its access token expires, so a revoked user cannot keep listening on an old token.
    /// </summary>
    public static WebApplication MapFeedHub(this WebApplication app)
    {
        app.MapHub<FeedHub>(FeedHub.Path, static o => o.CloseOnAuthenticationExpiration = true)
            .RequireRateLimiting(RateLimitPolicies.User);
        return app;
    }
}
