using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Streaming.Sqlite;

/// <summary>
/// Called by Orleans when a subscriber kept failing an event for longer than
/// <c>StreamPullingAgentOptions.MaxEventDeliveryTime</c>. Orleans then moves on to the stream's next event but never
/// reports the failed one delivered, so its row is moved to the dead letters here; the queue keeps flowing.
/// </summary>
internal sealed partial class SqliteStreamFailureHandler(
    SqliteQueueStore store, ILogger logger, QueueId queueId = default, SqliteStreamMetrics? metrics = null) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        if (sequenceToken is null)
        {
            return;
        }

        LogDeadLettered(logger, sequenceToken.SequenceNumber, streamIdentity, subscriptionId);
        await store.SubmitAsync(new MoveToDeadLetters(
            sequenceToken.SequenceNumber,
            $"not delivered to subscription {subscriptionId} of provider {streamProviderName} within the maximum event delivery time"));
        metrics?.DeadLettered(queueId, "undelivered");
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, subscriptionId, streamIdentity);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Batch {Sequence} of stream {StreamId} kept failing for subscription {SubscriptionId}; moved to the dead letters")]
    private static partial void LogDeadLettered(ILogger logger, long sequence, StreamId streamId, GuidId subscriptionId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} to stream {StreamId} could not be set up")]
    private static partial void LogSubscriptionFailed(ILogger logger, GuidId subscriptionId, StreamId streamId);
}
