namespace Playbound.Runtime.Storage;

/// <summary>
/// A grain storage provider: one generic table of (grain type, grain key, state name) rows, each with an ETag.
/// A write or clear whose ETag differs from the stored one throws <see cref="InconsistentStateException"/> and
/// changes nothing.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state into <paramref name="grainState"/>; a missing record leaves State untouched, ETag null and RecordExists false.</summary>
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the state and, in the same transaction, appends <paramref name="events"/> to the outbox. On success
    /// ETag holds the new version and RecordExists is true.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs from <c>grainState.ETag</c>.</exception>
    Task WriteStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken);

    /// <summary>Deletes the record; afterwards ETag is null and RecordExists false.</summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs from <c>grainState.ETag</c>.</exception>
    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken);
}
