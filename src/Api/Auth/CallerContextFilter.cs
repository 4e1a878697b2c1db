using Orleans.Runtime;

namespace Playbound.Api.Auth;

/// <summary>
/// Puts the authenticated caller's id into the grain <see cref="RequestContext"/>, so every grain call the endpoint
/// makes (and every call those grains make) knows who asked.
/// </summary>
public sealed class CallerContextFilter : IEndpointFilter
{
    /// <summary>The request-context key of the caller's user id.</summary>
    public const string UserIdKey = "userId";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Async on purpose: the value set here is visible to the handler and gone once this method returns.
        if (context.HttpContext.User.FindUserId() is { } userId)
        {
            RequestContext.Set(UserIdKey, userId);
        }

        return await next(context);
    }
}
