namespace Playbound.Runtime.Storage;

/// <summary>A stream event waiting in the outbox, written in the same transaction as the state that caused it.</summary>
/// <param name="Namespace">The stream namespace.</param>
/// <param name="Key">The stream key.</param>
/// <param name="EventId">A unique id consumers use to stay idempotent under redelivery.</param>
/// <param name="Payload">The serialized event.</param>
public sealed record OutboxEvent(string Namespace, string Key, Guid EventId, byte[] Payload);

/// <summary>An outbox row: the event plus its position and when it was written.</summary>
/// <param name="Sequence">Increasing position in the outbox; events of one stream are delivered in this order.</param>
/// <param name="Event">The event.</param>
/// <param name="CreatedAt">When the event was written (for stream lag).</param>
public sealed record OutboxEntry(long Sequence, OutboxEvent Event, DateTimeOffset CreatedAt);
