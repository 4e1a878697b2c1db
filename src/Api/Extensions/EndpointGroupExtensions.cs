using Playbound.Api.Auth;
using Playbound.Api.RateLimiting;

namespace Playbound.Api.Extensions;

/// <summary>The conventions every resource group shares.</summary>
public static class EndpointGroupExtensions
{
    /// <summary>
    /// A group at <paramref name="prefix"/> that needs a valid access token, is rate limited per user, and runs its
    /// handlers with the caller's id in the grain request context.
    /// </summary>
    public static RouteGroupBuilder MapAuthenticatedGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(prefix)
            .WithTags(tag)
            .RequireAuthorization()
            .RequireRateLimiting(RateLimitPolicies.User)
            .AddEndpointFilter<CallerContextFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
