using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playbound.Api.Auth;
using Playbound.Api.Hardening;
using Playbound.Api.OpenApi;
using Playbound.Api.Paging;
using Playbound.Api.RateLimiting;
using Playbound.Api.Realtime;
using Playbound.Grains.Json;
using Playbound.Hosting;

namespace Playbound.Api.Extensions;

/// <summary>The Api's services and middleware, so Program.cs only composes.</summary>
public static class ApplicationServiceExtensions
{
    /// <summary>
    /// Adds JSON settings, request limits, authentication, rate limiting, the realtime hub (across Api nodes through
    /// the Redis backplane in cluster mode), cursors and the OpenAPI document.
    /// </summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<JsonOptions>(static o => o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter()));

        // Binding failures (malformed JSON, wrong types, missing body, wrong content type) throw, so the exception
        // handler can answer ProblemDetails that name the field instead of an empty 400 or 415.
        services.Configure<RouteHandlerOptions>(static o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(static o =>
        {
            o.Limits.MaxRequestBodySize = RequestBodyLimitMiddleware.MaxBodyBytes;
            o.AddServerHeader = false;
        });

        builder.AddPlayboundAuthentication();
        // The revoked accounts come from the grains; the authentication alone (its tests) runs without them.
        services.AddHostedService<RevokedAccountsSubscription>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.AddRateLimiter(RateLimitPolicies.Configure);

        builder.AddRealtime();

        services.AddSingleton<CursorProtector>();
        services.AddOpenApi(static o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddOperationTransformer<BearerSecuritySchemeTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// The middleware, in order: errors as ProblemDetails, the body-size check, authentication, rate limiting
    /// (after authentication, so it can partition by user) and authorization.
    /// </summary>
    public static WebApplication UseApplicationMiddleware(this WebApplication app)
    {
        app.UseServiceDefaults();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
