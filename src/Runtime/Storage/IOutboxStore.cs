namespace Playbound.Runtime.Storage;

/// <summary>The outbox half of a storage provider, read by the stream relay.</summary>
public interface IOutboxStore
{
    /// <summary>Appends events that are not tied to a state write.</summary>
    Task AppendAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="maxCount"/> undelivered events, oldest (lowest sequence) first.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Removes delivered events.</summary>
    Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);
}
