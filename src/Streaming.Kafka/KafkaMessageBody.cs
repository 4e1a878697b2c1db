using Orleans.Runtime;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// The value of every Kafka record the provider writes, serialized with Orleans' version-tolerant serializer: one
/// <c>QueueMessageBatchAsync</c> call. Its offset is not in it (Kafka assigns that); records written by an
/// incompatible format carry another <see cref="KafkaRecordFormat.FormatHeader"/>.
/// </summary>
[GenerateSerializer, Alias("playbound.kafka.message-body")]
internal sealed class KafkaMessageBody
{
    [Id(0)]
    public StreamId StreamId { get; init; }

    [Id(1)]
    public List<object> Events { get; init; } = [];

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; init; }
}
