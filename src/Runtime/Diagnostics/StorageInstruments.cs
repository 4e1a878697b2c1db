using System.Diagnostics.Metrics;

namespace Playbound.Runtime.Diagnostics;

/// <summary>
/// Metrics of the grain storage providers, on the runtime's meter. Each recording first checks
/// <see cref="Instrument.Enabled"/> so that an unobserved instrument costs one field read.
/// </summary>
internal static class StorageInstruments
{
    /// <summary>The runtime's meter name (shared with the runtime's other instruments).</summary>
    public const string MeterName = "Playbound.Runtime";

    /// <summary>The operation tag value of a state read.</summary>
    public const string ReadOperation = "read";

    /// <summary>The operation tag value of a state write.</summary>
    public const string WriteOperation = "write";

    /// <summary>The operation tag value of a state clear.</summary>
    public const string ClearOperation = "clear";

    private static readonly Meter _meter = new(MeterName);

    /// <summary>How long a read, write or clear took as its caller saw it (for writes: queueing plus commit).</summary>
    public static readonly Histogram<double> Duration = _meter.CreateHistogram<double>(
        "playbound.storage.duration", unit: "ms", description: "Duration of grain state reads, writes and clears.");

    /// <summary>
    /// Operations committed by group commits; divided by the number of commits it gives the mean batch size.
    /// </summary>
    public static readonly Counter<long> BatchSize = _meter.CreateCounter<long>(
        "playbound.storage.batch.size", unit: "{operation}", description: "Grain state operations committed in batches.");

    /// <summary>Records the duration of one operation that started at <paramref name="startTimestamp"/>.</summary>
    public static void RecordDuration(string operation, string provider, TimeProvider timeProvider, long startTimestamp)
    {
        if (Duration.Enabled)
        {
            var elapsed = timeProvider.GetElapsedTime(startTimestamp);
            Duration.Record(
                elapsed.TotalMilliseconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("provider", provider));
        }
    }

    /// <summary>Records one committed batch of <paramref name="count"/> operations.</summary>
    public static void RecordBatch(string provider, int count)
    {
        if (BatchSize.Enabled)
        {
            BatchSize.Add(count, new KeyValuePair<string, object?>("provider", provider));
        }
    }
}
