using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Where an event sits in its partition: the Kafka offset of its record and its index within that record's batch.
/// Tokens of one queue are totally ordered; tokens of different partitions are not comparable in any useful way.
/// </summary>
[GenerateSerializer, Immutable, Alias("playbound.kafka.sequence-token")]
public sealed class KafkaSequenceToken : StreamSequenceToken
{
    /// <summary>Creates the token of event <paramref name="eventIndex"/> of the record at <paramref name="offset"/>.</summary>
    public KafkaSequenceToken(long offset, int eventIndex)
    {
        SequenceNumber = offset;
        EventIndex = eventIndex;
    }

    /// <summary>The Kafka offset of the record.</summary>
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>The event's index within the record's batch.</summary>
    [Id(1)]
    public override int EventIndex { get; protected set; }

    /// <summary>The token of event <paramref name="eventIndex"/> of the same record.</summary>
    public KafkaSequenceToken WithEventIndex(int eventIndex) => new(SequenceNumber, eventIndex);

    /// <inheritdoc />
    public override bool Equals(StreamSequenceToken? other) =>
        other is KafkaSequenceToken token && token.SequenceNumber == SequenceNumber && token.EventIndex == EventIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EventIndex);

    /// <inheritdoc />
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        var bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    /// <inheritdoc />
    public override string ToString() => $"[KafkaSequenceToken: offset={SequenceNumber}, event={EventIndex}]";
}
