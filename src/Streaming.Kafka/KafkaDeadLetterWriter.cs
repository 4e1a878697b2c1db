using System.Globalization;
using Confluent.Kafka;
using Orleans.Runtime;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Parks records the provider gives up on in the dead-letter topic: the original key and value untouched, plus
/// headers saying which stream, where from and why, so an operator can inspect and replay them.
/// </summary>
internal sealed class KafkaDeadLetterWriter
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly TimeProvider _timeProvider;

    public KafkaDeadLetterWriter(IProducer<byte[], byte[]> producer, string topic, TimeProvider timeProvider, KafkaStreamMetrics? metrics = null)
    {
        Metrics = metrics;
        _producer = producer;
        _topic = topic;
        _timeProvider = timeProvider;
    }

    /// <summary>Where the receivers count what they park; null when the host has no metrics.</summary>
    public KafkaStreamMetrics? Metrics { get; }

    /// <summary>Writes <paramref name="record"/> to the dead-letter topic; completes once Kafka acknowledged it.</summary>
    public async Task WriteAsync(ConsumeResult<byte[], byte[]> record, StreamId? streamId, string error, CancellationToken cancellationToken)
    {
        var headers = new Headers();
        if (streamId is { } stream)
        {
            KafkaRecordFormat.AddHeader(headers, KafkaRecordFormat.StreamIdHeader, stream.ToString());
        }

        KafkaRecordFormat.AddHeader(headers, KafkaRecordFormat.ErrorHeader, error);
        KafkaRecordFormat.AddHeader(headers, KafkaRecordFormat.OriginalTopicHeader, record.Topic);
        KafkaRecordFormat.AddHeader(headers, KafkaRecordFormat.OriginalPartitionHeader, record.Partition.Value);
        KafkaRecordFormat.AddHeader(headers, KafkaRecordFormat.OriginalOffsetHeader, record.Offset.Value);
        KafkaRecordFormat.AddHeader(headers, KafkaRecordFormat.DeadLetteredAtHeader,
            _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        if (KafkaRecordFormat.ReadHeader(record.Message.Headers, KafkaRecordFormat.FormatHeader) is { } format)
        {
            KafkaRecordFormat.AddHeader(headers, KafkaRecordFormat.FormatHeader, format);
        }

        var message = new Message<byte[], byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers };
        await _producer.ProduceAsync(_topic, message, cancellationToken);
    }
}
