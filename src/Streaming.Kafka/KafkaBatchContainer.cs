using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>One Kafka record as Orleans sees it: the events of one <c>QueueMessageBatchAsync</c> call on one stream.</summary>
[GenerateSerializer, Alias("playbound.kafka.batch-container")]
public sealed class KafkaBatchContainer : IBatchContainer
{
    /// <summary>Creates the container of a record read at <paramref name="sequenceToken"/>.</summary>
    public KafkaBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext, KafkaSequenceToken sequenceToken)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
        KafkaToken = sequenceToken;
    }

    /// <inheritdoc />
    [Id(0)]
    public StreamId StreamId { get; }

    /// <summary>The events, in publishing order.</summary>
    [Id(1)]
    public List<object> Events { get; }

    /// <summary>The publisher's request context, re-imported when the events are delivered.</summary>
    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>Where the record sits in its partition.</summary>
    [Id(3)]
    public KafkaSequenceToken KafkaToken { get; }

    /// <inheritdoc />
    public StreamSequenceToken SequenceToken => KafkaToken;

    /// <inheritdoc />
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events
            .Select((e, index) => (Event: e, Index: index))
            .Where(e => e.Event is T)
            .Select(e => Tuple.Create((T)e.Event, (StreamSequenceToken)KafkaToken.WithEventIndex(e.Index)));

    /// <inheritdoc />
    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"[KafkaBatchContainer: stream={StreamId}, {KafkaToken}, events={Events.Count}]";
}
