using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Streams;

/// <summary>
/// A durable stream of events. Events reach implicit subscribers of the namespace in order per key, at least once;
/// each carries an event id so consumers can ignore redeliveries.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
public interface IAsyncStream<T>
{
    /// <summary>The stream's identity.</summary>
    StreamId StreamId { get; }

    /// <summary>Stores <paramref name="item"/> durably in the outbox; completes once it is stored, not once delivered.</summary>
    Task OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Serializes <paramref name="item"/> into an outbox event to pass to
    /// <see cref="IPersistentState{TState}.WriteStateAsync"/>, so the event is stored with the state or not at all.
    /// </summary>
    /// <param name="item">The event.</param>
    /// <param name="eventId">A deterministic id when the caller may retry; a new id otherwise.</param>
    OutboxEvent CreateEvent(T item, Guid? eventId = null);
}
