using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;

namespace Playbound.Hosting.Metrics;

/// <summary>
/// Listens to the configured meters (System.Diagnostics.Metrics) and renders their current values in the Prometheus
/// text format: counters as <c>_total</c>, up-down counters and gauges as gauges, histograms as cumulative
/// <c>_bucket{le=...}</c> with <c>_sum</c> and <c>_count</c>. Only this host's meters are read: meters created by
/// another host's <see cref="IMeterFactory"/> in the same process (as in tests) are ignored.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    private static readonly double[] SecondsBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
    private static readonly double[] MillisecondsBounds = [1, 2, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 10000];
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener;
    private readonly HashSet<string> _meters;
    private readonly IMeterFactory _meterFactory;
    private readonly int _maxSeries;
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();

    /// <summary>Starts listening.</summary>
    public PrometheusMetrics(IMeterFactory meterFactory, IOptions<PrometheusMetricsOptions> options)
    {
        _meterFactory = meterFactory;
        _meters = new HashSet<string>(options.Value.Meters is { Count: > 0 } meters ? meters : PrometheusMetricsOptions.DefaultMeters, StringComparer.Ordinal);
        _maxSeries = options.Value.MaxSeriesPerInstrument;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentSeries? _),
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Renders every exported metric in the Prometheus text format.</summary>
    public string Render()
    {
        // Observable instruments report only when asked; ask now so the scrape sees current values.
        _listener.RecordObservableInstruments();
        var builder = new StringBuilder();
        var byName = _instruments.Values
            .GroupBy(static s => PrometheusText.MetricName(s.Instrument.Name, s.Instrument.Unit, s.Kind is MetricKind.Counter or MetricKind.ObservedCounter))
            .OrderBy(static g => g.Key, StringComparer.Ordinal);
        foreach (var group in byName)
        {
            // Two instruments may share an exported name (one per meter version); one HELP/TYPE keeps the output valid.
            var first = group.First();
            builder.Append("# HELP ").Append(group.Key).Append(' ').Append(PrometheusText.EscapeHelp(first.Instrument.Description ?? first.Instrument.Name)).Append('\n');
            builder.Append("# TYPE ").Append(group.Key).Append(' ').Append(TypeName(first.Kind)).Append('\n');
            foreach (var instrument in group)
            {
                WriteSeries(builder, group.Key, instrument);
            }
        }

        return builder.ToString();
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meters.Contains(instrument.Meter.Name) || (instrument.Meter.Scope is not null && !ReferenceEquals(instrument.Meter.Scope, _meterFactory)))
        {
            return;
        }

        if (Classify(instrument) is not { } kind)
        {
            return;
        }

        var series = _instruments.GetOrAdd(instrument, i => new InstrumentSeries(i, kind, kind == MetricKind.Histogram ? BoundsFor(i) : [], _maxSeries));
        listener.EnableMeasurementEvents(instrument, series);
    }

    private static MetricKind? Classify(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var definition = instrument.GetType().GetGenericTypeDefinition();
        return definition switch
        {
            _ when definition == typeof(Counter<>) => MetricKind.Counter,
            _ when definition == typeof(ObservableCounter<>) => MetricKind.ObservedCounter,
            _ when definition == typeof(UpDownCounter<>) => MetricKind.SummedGauge,
            _ when definition == typeof(Histogram<>) => MetricKind.Histogram,
            _ when definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) => MetricKind.LastValueGauge,
            _ => null,
        };
    }

    private static double[] BoundsFor(Instrument instrument)
    {
        // Prefer the instrument's own advice (ASP.NET Core gives its request durations one), else a default by unit.
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(static b => (double)b).ToArray(),
            _ => null,
        };
        if (advised is { Length: > 0 })
        {
            Array.Sort(advised);
            return advised;
        }

        return instrument.Unit switch
        {
            "s" => SecondsBounds,
            "ms" => MillisecondsBounds,
            _ => DefaultBounds,
        };
    }

    private static string TypeName(MetricKind kind) => kind switch
    {
        MetricKind.Counter or MetricKind.ObservedCounter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    private static void WriteSeries(StringBuilder builder, string name, InstrumentSeries instrument)
    {
        foreach (var (labels, series) in instrument.Snapshot.OrderBy(static s => s.Key, StringComparer.Ordinal))
        {
            var (value, count, buckets) = series.Read();
            if (instrument.Kind != MetricKind.Histogram)
            {
                builder.Append(name).Append(labels).Append(' ').Append(PrometheusText.Number(value)).Append('\n');
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < buckets.Length; i++)
            {
                cumulative += buckets[i];
                var le = i < instrument.Bounds.Length ? PrometheusText.Number(instrument.Bounds[i]) : "+Inf";
                builder.Append(name).Append("_bucket").Append(PrometheusText.WithLabel(labels, "le", le)).Append(' ').Append(cumulative).Append('\n');
            }

            builder.Append(name).Append("_sum").Append(labels).Append(' ').Append(PrometheusText.Number(value)).Append('\n');
            builder.Append(name).Append("_count").Append(labels).Append(' ').Append(count).Append('\n');
        }
    }
}
