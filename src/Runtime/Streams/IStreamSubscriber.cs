namespace Playbound.Runtime.Streams;

/// <summary>Implemented by a grain class with <see cref="ImplicitStreamSubscriptionAttribute"/> to receive events.</summary>
/// <typeparam name="T">The event type of the subscribed namespace.</typeparam>
public interface IStreamSubscriber<in T>
{
    /// <summary>
    /// Receives one event. Delivery is at least once: the same <see cref="StreamEventInfo.EventId"/> may arrive
    /// again after a crash, and the grain must ignore it. Throwing makes the relay retry the event later.
    /// </summary>
    Task OnNextAsync(T item, StreamEventInfo info);
}

/// <summary>Where an event came from.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="EventId">The event's unique id, stable across redeliveries.</param>
/// <param name="Sequence">The event's position in the outbox.</param>
public readonly record struct StreamEventInfo(StreamId StreamId, Guid EventId, long Sequence);
