using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>The provider's log messages; EventIds 7300-7399 are stable and documented for alerting.</summary>
internal static partial class KafkaStreamLog
{
    [LoggerMessage(EventId = 7300, Level = LogLevel.Information, Message = "Kafka receiver for {Topic}[{Partition}] assigned at offset {Offset}")]
    public static partial void ReceiverAssigned(this ILogger logger, string topic, int partition, Offset offset);

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Kafka receiver for {Topic}[{Partition}] could not start; it retries on the next read")]
    public static partial void ReceiverStartFailed(this ILogger logger, Exception exception, string topic, int partition);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Reading {Topic}[{Partition}] failed; returning what was read so far")]
    public static partial void ConsumeFailed(this ILogger logger, Exception exception, string topic, int partition);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "Committing offset {Offset} of {Topic}[{Partition}] failed; the next delivery retries it")]
    public static partial void CommitFailed(this ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(EventId = 7304, Level = LogLevel.Error, Message = "Record {Topic}[{Partition}]@{Offset} is malformed and is dead-lettered: {Error}")]
    public static partial void MalformedRecord(this ILogger logger, string topic, int partition, long offset, string error);

    [LoggerMessage(EventId = 7305, Level = LogLevel.Error, Message = "Event of stream {StreamId} at {Topic}[{Partition}]@{Offset} was not delivered and is dead-lettered: {Error}")]
    public static partial void UndeliveredEvent(this ILogger logger, StreamId streamId, string topic, int partition, long offset, string error);

    [LoggerMessage(EventId = 7306, Level = LogLevel.Error, Message = "Dead-lettering {Topic}[{Partition}]@{Offset} failed; the record stays uncommitted and is read again after a restart")]
    public static partial void DeadLetterFailed(this ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(EventId = 7307, Level = LogLevel.Warning, Message = "Delivery of stream {StreamId} failed at {Token} but queue {QueueId} has no receiver on this silo holding it; nothing to dead-letter")]
    public static partial void FailedEventNotInFlight(this ILogger logger, StreamId streamId, StreamSequenceToken? token, QueueId queueId);

    [LoggerMessage(EventId = 7308, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} of stream {StreamId} on provider {Provider} failed at {Token}")]
    public static partial void SubscriptionFailed(this ILogger logger, GuidId subscriptionId, StreamId streamId, string provider, StreamSequenceToken? token);

    [LoggerMessage(EventId = 7309, Level = LogLevel.Information, Message = "Kafka receiver for {Topic}[{Partition}] stopped at committed offset {Offset} with {InFlight} records in flight")]
    public static partial void ReceiverStopped(this ILogger logger, string topic, int partition, long offset, int inFlight);

    [LoggerMessage(EventId = 7310, Level = LogLevel.Warning, Message = "Kafka client error on {Topic}: {Reason}")]
    public static partial void ClientError(this ILogger logger, string topic, string reason);
}
