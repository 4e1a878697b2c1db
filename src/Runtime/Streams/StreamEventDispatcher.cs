using Microsoft.Extensions.Logging;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Streams;

/// <summary>
/// Hands one stream event to every implicit subscriber of its namespace, one grain call each, in registration order.
/// The in-process outbox relay and the broker-backed relay of cluster mode both deliver through it, so a subscriber
/// sees the same call whichever transport carried the event.
/// </summary>
public sealed class StreamEventDispatcher
{
    private readonly ImplicitSubscriptionTable _subscriptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<StreamEventDispatcher> _logger;

    internal StreamEventDispatcher(ImplicitSubscriptionTable subscriptions, TimeProvider timeProvider, ILogger<StreamEventDispatcher> logger)
    {
        _subscriptions = subscriptions;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The namespaces some grain subscribes to.</summary>
    public IReadOnlyCollection<string> Namespaces => _subscriptions.Namespaces;

    /// <summary>
    /// Delivers <paramref name="entry"/> to its subscribers; an event of a namespace nobody subscribes to is logged
    /// and counts as delivered. Throws what a subscriber threw: the caller retries the whole event, and subscribers
    /// that already took it ignore the repeat by its event id.
    /// </summary>
    public async Task DispatchAsync(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var subscribers = _subscriptions.For(entry.Event.Namespace);
        if (subscribers.Count == 0)
        {
            _logger.NoSubscriber(entry.Event.EventId, entry.Event.Namespace);
            return;
        }

        try
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.DeliverAsync(entry).ConfigureAwait(false);
            }
        }
        catch
        {
            RuntimeInstruments.EventDeliveryFailed();
            throw;
        }

        RuntimeInstruments.EventDelivered(_timeProvider.GetUtcNow() - entry.CreatedAt);
    }
}
