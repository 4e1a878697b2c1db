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
        double At(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        return new LatencySummary(all.Length, errors, all.Length / elapsed.TotalSeconds, At(0.50), At(0.90), At(0.99), all.LastOrDefault());
    }
}

/// <summary>What a load run measured; latencies in milliseconds.</summary>
public sealed record LatencySummary(long Requests, long Errors, double RequestsPerSecond, double P50, double P90, double P99, double Max)
{
    public override string ToString() =>
        $"{Requests:N0} requests, {Errors:N0} errors, {RequestsPerSecond:N0} req/s, p50 {P50:N2} ms, p90 {P90:N2} ms, p99 {P99:N2} ms, max {Max:N2} ms";
}
