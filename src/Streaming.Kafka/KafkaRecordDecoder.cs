using Confluent.Kafka;
using Orleans.Serialization;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Turns a Kafka record back into a batch container, or says why it cannot: a record of another format version, or
/// bytes that do not deserialize (corruption, a foreign producer, an event type this silo does not know).
/// </summary>
internal sealed class KafkaRecordDecoder
{
    private readonly Serializer _serializer;

    public KafkaRecordDecoder(Serializer serializer) => _serializer = serializer;

    public bool TryDecode(ConsumeResult<byte[], byte[]> record, out KafkaBatchContainer batch, out string error)
    {
        batch = null!;
        var format = KafkaRecordFormat.ReadHeader(record.Message.Headers, KafkaRecordFormat.FormatHeader);
        if (format != KafkaRecordFormat.CurrentFormat)
        {
            error = format is null
                ? $"the record has no {KafkaRecordFormat.FormatHeader} header: it was not written by this provider"
                : $"unknown record format version '{format}'; this silo reads version {KafkaRecordFormat.CurrentFormat}";
            return false;
        }

        try
        {
            var body = _serializer.Deserialize<KafkaMessageBody>(record.Message.Value ?? [])
                ?? throw new InvalidDataException("the payload is an empty message body");
            var events = body.Events ?? throw new InvalidDataException("the message body has no events");
            batch = new KafkaBatchContainer(body.StreamId, events, body.RequestContext, new KafkaSequenceToken(record.Offset.Value, 0));
            error = "";
            return true;
        }
        catch (Exception ex)
        {
            // Anything can come out of bytes that are not what we wrote; none of it may escape into the pulling agent.
            error = $"the payload does not deserialize: {ex.GetType().Name}: {ex.Message}";
            return false;
        }
    }
}
