using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Playbound.Api.RateLimiting;
using Playbound.Grains.Json;
using Playbound.Grains.Realtime;

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
