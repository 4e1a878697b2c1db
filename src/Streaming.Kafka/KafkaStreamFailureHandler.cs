using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Called by Orleans' pulling agent once it gave up delivering an event (after retrying with backoff until
/// <c>StreamPullingAgentOptions.MaxEventDeliveryTime</c>). Orleans' cache never reports a failed event to
/// <c>MessagesDeliveredAsync</c>, so without this the partition's committed offset would stop there for good: the
/// handler dead-letters the record and releases it so the watermark moves on.
/// </summary>
internal sealed class KafkaStreamFailureHandler : IStreamFailureHandler
{
    private readonly QueueId _queueId;
    private readonly KafkaReceiverRegistry _receivers;
    private readonly ILogger _logger;

    public KafkaStreamFailureHandler(QueueId queueId, KafkaReceiverRegistry receivers, ILogger logger)
    {
        _queueId = queueId;
        _receivers = receivers;
        _logger = logger;
    }

    /// <summary>
    /// Never fault the subscription: a poison event is parked and the stream goes on (implicit subscriptions, which
    /// Playbound uses, are never faulted by Orleans anyway).
    /// </summary>
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        if (sequenceToken is null || !_receivers.TryGet(_queueId, out var receiver))
        {
            _logger.FailedEventNotInFlight(streamIdentity, sequenceToken, _queueId);
            return;
        }

        var error = $"not delivered to subscription {subscriptionId} of provider {streamProviderName} within MaxEventDeliveryTime";
        if (!await receiver.DeadLetterUndeliveredAsync(streamIdentity, sequenceToken.SequenceNumber, error))
        {
            // Another subscription's failure already parked it, or it was delivered after all.
            _logger.FailedEventNotInFlight(streamIdentity, sequenceToken, _queueId);
        }
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        // Subscribing failed (pub-sub trouble), no event is lost: Orleans retries, so only record it.
        _logger.SubscriptionFailed(subscriptionId, streamIdentity, streamProviderName, sequenceToken);
        return Task.CompletedTask;
    }
}
