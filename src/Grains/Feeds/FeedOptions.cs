using Microsoft.Extensions.Options;
using static Playbound.Grains.OptionRules;

namespace Playbound.Grains.Feeds;

/// <summary>How home feeds are built: hybrid fan-out, bounded timelines. Bound to <c>Playbound:Feed</c>.</summary>
public sealed class FeedOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Playbound:Feed";

    /// <summary>Default of <see cref="CelebrityThreshold"/>.</summary>
    public const long DefaultCelebrityThreshold = 10_000;

    /// <summary>Default of <see cref="MaxEntries"/>.</summary>
    public const int DefaultMaxEntries = 800;

    /// <summary>Default of <see cref="FanoutPageSize"/>.</summary>
    public const int DefaultFanoutPageSize = 1000;

    /// <summary>Default of <see cref="FanoutParallelism"/>.</summary>
    public const int DefaultFanoutParallelism = 8;

    /// <summary>Default of <see cref="CelebrityCacheDuration"/>: five seconds.</summary>
    public static readonly TimeSpan DefaultCelebrityCacheDuration = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Authors with at least this many followers are celebrities: their posts are not fanned out on write but merged
    /// into each follower's feed when it is read.
    /// </summary>
    public long CelebrityThreshold { get; set; } = DefaultCelebrityThreshold;

    /// <summary>The most entries a home feed keeps; also how many recent posts a follow backfills.</summary>
    public int MaxEntries { get; set; } = DefaultMaxEntries;

    /// <summary>How many followers fan-out reads and writes per page (one store statement per page).</summary>
    public int FanoutPageSize { get; set; } = DefaultFanoutPageSize;

    /// <summary>How many feeds a bulk change (an author crossing the celebrity threshold) invalidates at once.</summary>
    public int FanoutParallelism { get; set; } = DefaultFanoutParallelism;

    /// <summary>How long a feed reuses its list of followed celebrities before asking the graph again.</summary>
    public TimeSpan CelebrityCacheDuration { get; set; } = DefaultCelebrityCacheDuration;
}

/// <summary>Rejects feed options that would break fan-out or paging, at startup.</summary>
internal sealed class FeedOptionsValidator : IValidateOptions<FeedOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedOptions options)
    {
        string[] errors =
        [
            .. Rule(options.CelebrityThreshold > 0, "Playbound:Feed:CelebrityThreshold must be positive."),
            .. Rule(options.MaxEntries > 0, "Playbound:Feed:MaxEntries must be positive."),
            .. Rule(options.FanoutPageSize > 0, "Playbound:Feed:FanoutPageSize must be positive."),
            .. Rule(options.FanoutParallelism > 0, "Playbound:Feed:FanoutParallelism must be positive."),
            .. Rule(options.CelebrityCacheDuration >= TimeSpan.Zero, "Playbound:Feed:CelebrityCacheDuration must not be negative."),
        ];
        return Result(errors);
    }
}
