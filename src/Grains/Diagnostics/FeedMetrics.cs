using System.Diagnostics.Metrics;

namespace Playbound.Grains.Diagnostics;

/// <summary>The feed instruments on meter <see cref="MeterName"/>.</summary>
public sealed class FeedMetrics
{
    /// <summary>The meter.</summary>
    public const string MeterName = "Playbound.Feeds";

    /// <summary>
    /// Seconds from a post's creation (its <c>CreatedAt</c>) to the end of its fan-out: the post is in the author's and
    /// every follower's feed and the online followers were pushed to (histogram; tag <c>celebrity</c>: the post of an
    /// author past <c>Playbound:Feed:CelebrityThreshold</c>, whose followers read it at read time).
    /// </summary>
    public const string FanoutLagName = "playbound.fanout.lag";

    private static readonly double[] LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Histogram<double> _fanoutLag;
    private readonly TimeProvider _time;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public FeedMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _fanoutLag = meterFactory.Create(MeterName).CreateHistogram(
            FanoutLagName,
            "s",
            "Time from a post's creation to the end of its fan-out (feeds written, online followers pushed).",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
    }

    /// <summary>Records the fan-out of a post created at <paramref name="createdAt"/> as finished now.</summary>
    public void FanoutFinished(DateTimeOffset createdAt, bool celebrity) =>
        _fanoutLag.Record(Math.Max(0, (_time.GetUtcNow() - createdAt).TotalSeconds), new KeyValuePair<string, object?>("celebrity", celebrity));
}
