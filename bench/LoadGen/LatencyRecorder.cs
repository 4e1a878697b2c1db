namespace Playbound.LoadGen;

/// <summary>Collects request latencies per worker (no locking on the hot path) and reports percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly List<List<double>> _perWorker = [];

    public List<double> ForWorker()
    {
        var list = new List<double>(1 << 16);
        lock (_perWorker)
        {
            _perWorker.Add(list);
        }

        return list;
    }

    public LatencySummary Summarize(TimeSpan elapsed, long errors)
    {
        var all = _perWorker.SelectMany(static l => l).Order().ToArray();
        return new LatencySummary(
            all.Length, errors, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.90), Percentile(all, 0.99), all.LastOrDefault());
    }

    /// <summary>The <paramref name="q"/> quantile of <paramref name="sorted"/> (ascending); NaN when empty.</summary>
    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}

/// <summary>What a load run measured; latencies in milliseconds.</summary>
public sealed record LatencySummary(long Requests, long Errors, double RequestsPerSecond, double P50, double P90, double P99, double Max)
{
    public override string ToString() =>
        $"{Requests:N0} requests, {Errors:N0} errors, {RequestsPerSecond:N0} req/s, p50 {P50:N2} ms, p90 {P90:N2} ms, p99 {P99:N2} ms, max {Max:N2} ms";
}
