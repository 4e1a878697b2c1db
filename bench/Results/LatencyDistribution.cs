namespace Playbound.Bench.Results;

/// <summary>
/// Latencies in milliseconds: the usual percentiles and a bounded CDF (at most <see cref="MaxQuantilePoints"/>
/// points) for plots. The CDF's quantile levels are spaced evenly in "nines" (0, 0.9, 0.99, ... 0.99999) rather than
/// linearly, so the tail, where latency plots are read, gets as many points as the body.
/// </summary>
public sealed record LatencyDistribution(long Count, double P50, double P90, double P99, double P999, double Max, IReadOnlyList<QuantilePoint> Cdf)
{
    public const int MaxQuantilePoints = 1000;

    /// <summary>The deepest level before the max: 1 - 10^-5.</summary>
    private const double TailNines = 5;

    public static LatencyDistribution FromSamples(IEnumerable<double> samplesMs)
    {
        var sorted = samplesMs.ToArray();
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return new LatencyDistribution(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, []);
        }

        return new LatencyDistribution(
            sorted.Length, At(sorted, 0.50), At(sorted, 0.90), At(sorted, 0.99), At(sorted, 0.999), Round(sorted[^1]), CdfPoints(sorted));
    }

    /// <summary>The <paramref name="quantile"/> of <paramref name="sorted"/> (ascending, not empty), nearest rank.</summary>
    public static double At(double[] sorted, double quantile) =>
        Round(sorted[Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length))]);

    public override string ToString() =>
        $"p50 {P50:#,0.####} ms, p90 {P90:#,0.####} ms, p99 {P99:#,0.####} ms, p99.9 {P999:#,0.####} ms, max {Max:#,0.####} ms ({Count:N0} timed)";

    private static QuantilePoint[] CdfPoints(double[] sorted)
    {
        var points = new List<QuantilePoint>(MaxQuantilePoints);
        var lastIndex = -1;
        for (var i = 0; i < MaxQuantilePoints - 1; i++)
        {
            var quantile = 1 - Math.Pow(10, -TailNines * i / (MaxQuantilePoints - 2));
            var index = Math.Min(sorted.Length - 1, (int)(quantile * sorted.Length));
            // Few samples map many levels onto one sample; one point per sample is enough to draw the step.
            if (index != lastIndex)
            {
                points.Add(new QuantilePoint(Math.Round(quantile, 9), Round(sorted[index])));
                lastIndex = index;
            }
        }

        points.Add(new QuantilePoint(1, Round(sorted[^1])));
        return [.. points];
    }

    // A tenth of a microsecond resolves even a local grain call (~1 µs); rounding keeps the files small.
    private static double Round(double milliseconds) => Math.Round(milliseconds, 4);
}

/// <summary>A point of a CDF: <see cref="Quantile"/> of the operations took at most <see cref="LatencyMs"/>.</summary>
public readonly record struct QuantilePoint(double Quantile, double LatencyMs);
