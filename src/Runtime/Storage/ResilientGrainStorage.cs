using Playbound.Runtime.Resilience;

namespace Playbound.Runtime.Storage;

/// <summary>
/// A SQL grain storage provider behind the <see cref="DependencyCircuits.Storage"/> circuit: transient failures are
/// retried (writes only when nothing was written, see <see cref="StorageErrors.IsTransient"/>), and while the database
/// keeps failing every call, outbox reads of the stream relay included, fails fast with
/// <see cref="Polly.CircuitBreaker.BrokenCircuitException"/> instead of queueing behind dead connections.
/// </summary>
public sealed class ResilientGrainStorage : IGrainStorage, IOutboxStore, IAsyncDisposable, IDisposable
{
    private readonly DependencyCircuit _circuit;

    /// <summary>Wraps <paramref name="inner"/>, which this instance owns and disposes.</summary>
    public ResilientGrainStorage(BatchingGrainStorage inner, DependencyCircuit circuit)
    {
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _circuit = circuit ?? throw new ArgumentNullException(nameof(circuit));
    }

    /// <summary>The provider doing the work.</summary>
    public BatchingGrainStorage Inner { get; }

    /// <inheritdoc />
    public Task ReadStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken) =>
        _circuit.ExecuteAsync(
            token => new ValueTask(Inner.ReadStateAsync(stateName, grainId, grainState, token)), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task WriteStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken) =>
        _circuit.ExecuteAsync(
            token => new ValueTask(Inner.WriteStateAsync(stateName, grainId, grainState, events, token)), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task ClearStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken) =>
        _circuit.ExecuteAsync(
            token => new ValueTask(Inner.ClearStateAsync(stateName, grainId, grainState, token)), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        _circuit.ExecuteAsync(token => new ValueTask(Inner.AppendAsync(events, token)), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(int maxCount, CancellationToken cancellationToken) =>
        _circuit.ExecuteAsync(
            token => new ValueTask<IReadOnlyList<OutboxEntry>>(Inner.ReadPendingAsync(maxCount, token)), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) =>
        _circuit.ExecuteAsync(token => new ValueTask(Inner.DeleteAsync(sequences, token)), cancellationToken).AsTask();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Inner.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => Inner.Dispose();
}
