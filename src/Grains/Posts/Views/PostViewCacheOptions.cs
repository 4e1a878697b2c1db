using Microsoft.Extensions.Options;

namespace Playbound.Grains.Posts.Views;

/// <summary>How much of the posts' views a silo keeps for feed reads. Bound to <c>Playbound:PostViewCache</c>.</summary>
public sealed class PostViewCacheOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Playbound:PostViewCache";

    /// <summary>Default of <see cref="MaxEntries"/>: enough for every post on the pages of ~2,500 distinct recent feeds.</summary>
    public const int DefaultMaxEntries = 50_000;

    /// <summary>Default of <see cref="TimeToLive"/>: one minute.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromMinutes(1);

    /// <summary>The most views a silo keeps; reaching it empties the cache (at a few hundred bytes a view, ~25 MB by default).</summary>
    public int MaxEntries { get; set; } = DefaultMaxEntries;

    /// <summary>
    /// How long a view is served without asking its post again. Changes invalidate views at once; this bounds only how
    /// long a view may stay stale when an invalidation from another silo was lost (Redis away).
    /// </summary>
    public TimeSpan TimeToLive { get; set; } = DefaultTimeToLive;
}

/// <summary>Rejects a cache that could hold nothing, at startup.</summary>
internal sealed class PostViewCacheOptionsValidator : IValidateOptions<PostViewCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, PostViewCacheOptions options)
    {
        string[] errors =
        [
            .. options.MaxEntries > 0 ? [] : new[] { "Playbound:PostViewCache:MaxEntries must be positive." },
            .. options.TimeToLive > TimeSpan.Zero ? [] : new[] { "Playbound:PostViewCache:TimeToLive must be positive." },
        ];
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
