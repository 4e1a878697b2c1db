using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Playbound.Api.RateLimiting;

namespace Playbound.Api.Realtime;

/// <summary>
/// Rate limits hub method calls per user with a token bucket (<see cref="RateLimitOptions.Hub"/>), across all of the
/// user's connections: HTTP rate limiting sees only the connect, not the calls that follow on the socket. A call over
/// the limit answers a <see cref="HubException"/> and the connection stays open.
/// </summary>
internal sealed class HubRateLimitFilter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ILogger<HubRateLimitFilter> _logger;

    public HubRateLimitFilter(IOptions<RateLimitOptions> options, ILogger<HubRateLimitFilter> logger)
    {
        _logger = logger;
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(userId => settings.Enabled
            ? RateLimitPartition.GetTokenBucketLimiter(userId, _ => RateLimitPolicies.TokenBucket(settings.Hub))
            : RateLimitPartition.GetNoLimiter("off"));
    }

    /// <inheritdoc />
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var userId = invocationContext.Context.UserIdentifier ?? "";
        using var lease = _limiter.AttemptAcquire(userId);
        if (!lease.IsAcquired)
        {
            _logger.HubCallRejected(invocationContext.HubMethodName, userId);
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : RateLimitPolicies.DefaultRetryAfter;
            throw new HubException(string.Create(
                CultureInfo.InvariantCulture, $"Too many hub calls; retry in {Math.Ceiling(wait.TotalSeconds)} s."));
        }

        return await next(invocationContext);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
