using Microsoft.Extensions.Logging;

namespace Playbound.Streams.RabbitMq;

/// <summary>Structured log messages of cluster streams (event ids 700-799).</summary>
internal static partial class StreamsLog
{
    [LoggerMessage(700, LogLevel.Information, "Streams connected to the broker: {Partitions} stream queues under {QueuePrefix}")]
    public static partial void BrokerConnected(this ILogger logger, string queuePrefix, int partitions);

    [LoggerMessage(701, LogLevel.Warning, "Streams could not run a session (broker or database unreachable, or the session failed); retrying in {Delay}")]
    public static partial void SessionFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(702, LogLevel.Warning, "Streams lost the broker session; reconnecting in {Delay}")]
    public static partial void BrokerLost(this ILogger logger, TimeSpan delay);

    [LoggerMessage(703, LogLevel.Information, "This silo now relays the outbox to the stream queues under {QueuePrefix}")]
    public static partial void RelayLeader(this ILogger logger, string queuePrefix);

    [LoggerMessage(704, LogLevel.Warning, "Outbox relay failed; trying again in {Delay}")]
    public static partial void RelayFailed(this ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(705, LogLevel.Warning, "Stream event {EventId} of namespace {Namespace} has no subscriber; dropping it")]
    public static partial void NoSubscriber(this ILogger logger, Guid eventId, string @namespace);

    [LoggerMessage(706, LogLevel.Information, "Consuming stream partition {Partition} from offset {Offset}")]
    public static partial void PartitionConsuming(this ILogger logger, string partition, long offset);

    [LoggerMessage(707, LogLevel.Information, "Stream partition {Partition} moved to another silo; stopped consuming it")]
    public static partial void PartitionReleased(this ILogger logger, string partition);

    [LoggerMessage(708, LogLevel.Warning, "Consumer of stream partition {Partition} failed; restarting it from its checkpoint")]
    public static partial void PartitionFailed(this ILogger logger, Exception exception, string partition);

    [LoggerMessage(709, LogLevel.Warning, "Delivery of stream event {EventId} in partition {Partition} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void DeliveryFailed(this ILogger logger, Exception exception, Guid eventId, string partition, int attempt, TimeSpan delay);

    [LoggerMessage(710, LogLevel.Error, "Stream event {EventId} in partition {Partition} at offset {Offset} failed {Attempts} times; parked in the dead-letter queue")]
    public static partial void DeadLettered(this ILogger logger, Exception exception, Guid eventId, string partition, long offset, int attempts);

    [LoggerMessage(711, LogLevel.Warning, "Skipped a malformed message in stream partition {Partition}")]
    public static partial void MalformedMessage(this ILogger logger, Exception exception, string partition);

    [LoggerMessage(712, LogLevel.Warning, "Delivery of stream event {EventId} in partition {Partition} was interrupted by an outage; retrying in {Delay}")]
    public static partial void DeliveryInterrupted(this ILogger logger, Exception exception, Guid eventId, string partition, TimeSpan delay);
}
