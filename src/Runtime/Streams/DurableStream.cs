using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Streams;

/// <summary>A stream backed by an outbox: publishing means storing the event durably.</summary>
internal sealed class DurableStream<T>(StreamId streamId, IOutboxStore outbox, GrainSerializer serializer) : IAsyncStream<T>
{
    public StreamId StreamId { get; } = streamId;

    public Task OnNextAsync(T item, CancellationToken cancellationToken = default) =>
        outbox.AppendAsync([CreateEvent(item)], cancellationToken);

    public OutboxEvent CreateEvent(T item, Guid? eventId = null) =>
        new(StreamId.Namespace, StreamId.Key, eventId ?? Guid.CreateVersion7(), serializer.Serialize(item));
}
