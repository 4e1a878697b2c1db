using Playbound.Runtime.Activation;

namespace Playbound.Runtime.Storage;

/// <summary>
/// The runtime's <see cref="IPersistentState{TState}"/>: forwards to a storage provider and keeps the ETag.
/// A write that loses an ETag race deactivates the grain, so it can never go on from state it no longer owns.
/// </summary>
internal sealed class PersistentState<TState>(string stateName, IGrainStorage storage, ActivationData activation)
    : IPersistentState<TState>, IGrainState<TState>, IActivationStateLoader
{
    public TState State { get; set; } = CreateDefault();

    public string? ETag { get; set; }

    public string? Etag => ETag;

    public bool RecordExists { get; set; }

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        storage.ReadStateAsync(stateName, activation.GrainId, this, cancellationToken);

    public async Task WriteStateAsync(params IReadOnlyList<OutboxEvent> events)
    {
        try
        {
            await storage.WriteStateAsync(stateName, activation.GrainId, this, events, CancellationToken.None).ConfigureAwait(false);
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearStateAsync(stateName, activation.GrainId, this, cancellationToken).ConfigureAwait(false);
            State = CreateDefault();
        }
        catch (InconsistentStateException)
        {
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }
    }

    // Records with a parameterless constructor start as a fresh instance, like Orleans; others start as default.
    private static TState CreateDefault() =>
        typeof(TState).IsValueType || typeof(TState).GetConstructor(Type.EmptyTypes) is null
            ? default!
            : Activator.CreateInstance<TState>();
}
