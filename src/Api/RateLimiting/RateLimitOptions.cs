namespace Playbound.Api.RateLimiting;

/// <summary>
/// Token-bucket rate limits (configuration section <c>Playbound:RateLimit</c>). The defaults are generous: a
/// well-behaved client, the tests and the load benchmark (which logs 200 users in from one address) do not reach
/// them; a password-guessing client does, after its burst.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Playbound:RateLimit";

    /// <summary>The default sustained rate per authenticated user (requests per second).</summary>
    public const int DefaultUserTokensPerSecond = 100;

    /// <summary>The default burst per authenticated user.</summary>
    public const int DefaultUserBurst = 200;

    /// <summary>The default sustained rate of auth requests per client IP (requests per second).</summary>
    public const int DefaultAuthTokensPerSecond = 20;

    /// <summary>The default burst of auth requests per client IP.</summary>
    public const int DefaultAuthBurst = 300;

    /// <summary>The default sustained rate of hub method calls per user (calls per second).</summary>
    public const int DefaultHubTokensPerSecond = 20;

    /// <summary>The default burst of hub method calls per user: enough to watch a whole feed page at once.</summary>
    public const int DefaultHubBurst = 100;

    /// <summary>Whether requests are limited at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The bucket of each authenticated user, over every resource endpoint (<c>:User:TokensPerSecond</c>,
    /// <c>:User:Burst</c>). Requests without a valid token share a bucket per client IP with the same settings.
    /// </summary>
    public TokenBucketSettings User { get; set; } = new() { TokensPerSecond = DefaultUserTokensPerSecond, Burst = DefaultUserBurst };

    /// <summary>The bucket of each client IP over the auth endpoints, which check passwords and are the target of guessing.</summary>
    public TokenBucketSettings Auth { get; set; } = new() { TokensPerSecond = DefaultAuthTokensPerSecond, Burst = DefaultAuthBurst };

    /// <summary>The bucket of each user over hub method calls (<c>WatchPost</c>, <c>UnwatchPost</c>), shared by their connections.</summary>
    public TokenBucketSettings Hub { get; set; } = new() { TokensPerSecond = DefaultHubTokensPerSecond, Burst = DefaultHubBurst };
}

/// <summary>One token bucket: it holds up to <see cref="Burst"/> tokens and refills <see cref="TokensPerSecond"/> a second.</summary>
public sealed class TokenBucketSettings
{
    /// <summary>Tokens added each second: the sustained request rate.</summary>
    public int TokensPerSecond { get; set; }

    /// <summary>The bucket's size: how many requests may come at once after a quiet spell.</summary>
    public int Burst { get; set; }
}
