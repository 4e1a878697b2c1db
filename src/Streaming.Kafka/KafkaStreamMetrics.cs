using System.Diagnostics.Metrics;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// The Kafka stream provider's instruments on meter <see cref="MeterName"/> (the SQLite provider's meter and names):
/// each partition this silo reads, its consumer lag (the high watermark librdkafka last saw minus the committed
/// offset, read without a broker round trip when a metrics reader collects), and the records parked in the
/// dead-letter topic.
/// </summary>
internal sealed class KafkaStreamMetrics
{
    /// <summary>The meter, shared with the SQLite provider.</summary>
    public const string MeterName = "Playbound.Streaming";

    /// <summary>Records not yet delivered, per partition read here: high watermark − committed offset (observable gauge).</summary>
    public const string LagName = "playbound.stream.lag";

    /// <summary>Records moved to the dead-letter topic (counter), by provider and reason.</summary>
    public const string DeadLetteredName = "playbound.stream.dead_lettered";

    private const string Provider = "kafka";

    private readonly Counter<long> _deadLettered;

    public KafkaStreamMetrics(IMeterFactory meterFactory, KafkaReceiverRegistry receivers)
    {
        var meter = meterFactory.Create(MeterName);
        _deadLettered = meter.CreateCounter<long>(
            DeadLetteredName, "{event}", "Events the stream provider gave up on and parked in its dead letters, by provider and reason.");
        meter.CreateObservableGauge(
            LagName,
            () => receivers.All
                .Select(static receiver => (receiver, lag: receiver.ConsumerLag()))
                .Where(static r => r.lag is not null)
                .Select(static r => new Measurement<long>(
                    r.lag!.Value, new("provider", Provider), new("queue", r.receiver.PartitionName))),
            "{event}",
            "Events published and not yet delivered, per stream queue (Kafka: high watermark minus committed offset of the partition).");
    }

    /// <summary>Counts one record of <paramref name="partition"/> parked for <paramref name="reason"/> (<c>undelivered</c> or <c>unreadable</c>).</summary>
    public void DeadLettered(string partition, string reason) =>
        _deadLettered.Add(1, new("provider", Provider), new("queue", partition), new("reason", reason));
}
