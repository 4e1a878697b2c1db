using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Playbound.Api.Auth;

namespace Playbound.Api.RateLimiting;

/// <summary>The rate-limit policies and how they partition requests.</summary>
public static class RateLimitPolicies
{
    /// <summary>Resource endpoints: one bucket per authenticated user, or per client IP without a valid token.</summary>
    public const string User = "user";

    /// <summary>Auth endpoints: one bucket per client IP.</summary>
    public const string Auth = "auth";

    /// <summary>The <c>Retry-After</c> sent when the limiter does not say how long to wait.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Adds both policies and the 429 ProblemDetails response.</summary>
    public static void Configure(RateLimiterOptions limiter)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = OnRejectedAsync;
        limiter.AddPolicy(User, context => context.User.FindUserId() is { } userId
            ? Partition(context, "user:" + userId, static o => o.User)
            : Partition(context, "ip:" + ClientIp(context), static o => o.User));
        limiter.AddPolicy(Auth, context => Partition(context, "auth:" + ClientIp(context), static o => o.Auth));
    }

    private static RateLimitPartition<string> Partition(HttpContext context, string key, Func<RateLimitOptions, TokenBucketSettings> pick)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!options.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var bucket = pick(options);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => TokenBucket(bucket));
    }

    /// <summary>A bucket that rejects at once when empty (no queue) and refills every second.</summary>
    public static TokenBucketRateLimiterOptions TokenBucket(TokenBucketSettings bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = bucket.TokensPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    // The connection's address; behind a proxy, configure forwarded headers so this is the client's, not the proxy's.
    private static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : DefaultRetryAfter;
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = rejected.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = "Slow down and retry after the time in the Retry-After header.",
            },
        });
    }
}
