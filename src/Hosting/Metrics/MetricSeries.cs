using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Playbound.Hosting.Metrics;

/// <summary>How an instrument's measurements aggregate, which decides its Prometheus type.</summary>
internal enum MetricKind
{
    /// <summary>Monotonic deltas summed into a total (Counter).</summary>
    Counter,

    /// <summary>Absolute cumulative totals reported by a callback (ObservableCounter).</summary>
    ObservedCounter,

    /// <summary>Deltas summed into a value that can go down (UpDownCounter).</summary>
    SummedGauge,

    /// <summary>The last value seen (Gauge, ObservableGauge, ObservableUpDownCounter).</summary>
    LastValueGauge,

    /// <summary>A distribution in fixed buckets (Histogram).</summary>
    Histogram,
}

/// <summary>One instrument's series, one per label combination.</summary>
internal sealed class InstrumentSeries(Instrument instrument, MetricKind kind, double[] bounds, int maxSeries)
{
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

    public Instrument Instrument { get; } = instrument;

    public MetricKind Kind { get; } = kind;

    /// <summary>The upper bounds of the histogram buckets (the +Inf bucket is implicit).</summary>
    public double[] Bounds { get; } = bounds;

    public IEnumerable<KeyValuePair<string, Series>> Snapshot => _series;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.Labels(Instrument.Tags, tags);
        if (!_series.TryGetValue(labels, out var series))
        {
            if (_series.Count >= maxSeries)
            {
                return;
            }

            series = _series.GetOrAdd(labels, _ => new Series(Bounds.Length + 1));
        }

        series.Record(Kind, value, Bounds);
    }
}

/// <summary>The aggregate of one label combination. A lock per series is cheap next to the work being measured.</summary>
internal sealed class Series(int buckets)
{
    private readonly Lock _lock = new();
    private readonly long[] _bucketCounts = new long[buckets];
    private double _value;
    private long _count;

    public void Record(MetricKind kind, double value, double[] bounds)
    {
        lock (_lock)
        {
            switch (kind)
            {
                case MetricKind.Counter or MetricKind.SummedGauge:
                    _value += value;
                    break;
                case MetricKind.ObservedCounter or MetricKind.LastValueGauge:
                    _value = value;
                    break;
                case MetricKind.Histogram:
                    // Bucket i counts values <= bounds[i]; the last bucket is +Inf. Cumulated when written.
                    var index = Array.BinarySearch(bounds, value);
                    _bucketCounts[index >= 0 ? index : ~index]++;
                    _value += value;
                    _count++;
                    break;
            }
        }
    }

    /// <summary>A consistent copy: the value (or sum), the count, and the per-bucket counts.</summary>
    public (double Value, long Count, long[] Buckets) Read()
    {
        lock (_lock)
        {
            return (_value, _count, (long[])_bucketCounts.Clone());
        }
    }
}
