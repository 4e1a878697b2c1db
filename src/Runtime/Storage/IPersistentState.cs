namespace Playbound.Runtime;

/// <summary>
/// A grain's persisted piece of state, injected through a constructor parameter marked with
/// <see cref="PersistentStateAttribute"/>. It is read before <c>OnActivateAsync</c> runs.
/// </summary>
/// <typeparam name="TState">The state record.</typeparam>
public interface IPersistentState<TState>
{
    /// <summary>The state value; a new instance of <typeparamref name="TState"/> when no record exists.</summary>
    TState State { get; set; }

    /// <summary>The stored version last read or written; null when no record exists.</summary>
    string? Etag { get; }

    /// <summary>Whether a record exists in storage.</summary>
    bool RecordExists { get; }

    /// <summary>Re-reads the state from storage.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the state, and in the same transaction the given stream events (see
    /// <see cref="Streams.IAsyncStream{T}.CreateEvent"/>): either both are stored or neither is.
    /// </summary>
    /// <exception cref="Storage.InconsistentStateException">Another writer changed the record since it was read.</exception>
    Task WriteStateAsync(params IReadOnlyList<Storage.OutboxEvent> events);

    /// <summary>Deletes the record.</summary>
    /// <exception cref="Storage.InconsistentStateException">Another writer changed the record since it was read.</exception>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
