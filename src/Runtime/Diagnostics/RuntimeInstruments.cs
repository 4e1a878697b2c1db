using System.Diagnostics.Metrics;

namespace Playbound.Runtime;

/// <summary>
/// The runtime's metrics (System.Diagnostics.Metrics, meter <c>Playbound.Runtime</c>). Exported by whatever
/// listens: the Api's /metrics endpoint, OpenTelemetry, or dotnet-counters.
/// </summary>
public static class RuntimeInstruments
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Playbound.Runtime";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "playbound.grain.calls", description: "Grain calls started by callers in this process.");

    private static readonly Counter<long> CallFailures = Meter.CreateCounter<long>(
        "playbound.grain.call.failures", description: "Grain calls that completed with an exception or timed out.");

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "playbound.grain.call.duration", unit: "ms", description: "Grain call latency seen by callers.");

    private static readonly UpDownCounter<long> Activations = Meter.CreateUpDownCounter<long>(
        "playbound.grain.activations", description: "Live grain activations.");

    private static readonly Counter<long> ActivationsCreated = Meter.CreateCounter<long>(
        "playbound.grain.activations.created", description: "Grain activations created.");

    private static readonly Histogram<double> StreamLag = Meter.CreateHistogram<double>(
        "playbound.stream.lag", unit: "ms", description: "Time from an event entering the outbox to its delivery.");

    private static readonly Counter<long> StreamDelivered = Meter.CreateCounter<long>(
        "playbound.stream.delivered", description: "Stream events delivered to subscribers.");

    private static readonly Counter<long> StreamDeliveryFailures = Meter.CreateCounter<long>(
        "playbound.stream.delivery.failures", description: "Stream deliveries that failed and will be retried.");

    internal static bool CallDurationEnabled => CallDuration.Enabled;

    internal static void CallStarted() => Calls.Add(1);

    internal static void CallFailed() => CallFailures.Add(1);

    internal static void CallCompleted(TimeSpan elapsed) => CallDuration.Record(elapsed.TotalMilliseconds);

    internal static void ActivationCreated()
    {
        Activations.Add(1);
        ActivationsCreated.Add(1);
    }

    internal static void ActivationRemoved() => Activations.Add(-1);

    internal static void EventDelivered(TimeSpan lag)
    {
        StreamDelivered.Add(1);
        if (StreamLag.Enabled)
        {
            StreamLag.Record(lag.TotalMilliseconds);
        }
    }

    internal static void EventDeliveryFailed() => StreamDeliveryFailures.Add(1);
}
