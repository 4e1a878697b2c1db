using Playbound.Runtime.Diagnostics;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Storage;

/// <summary>
/// In-process grain storage for tests and single-process experiments. It keeps serialized state (so a read returns a
/// fresh copy, as a database would) and enforces ETags exactly like the SQL providers; nothing survives the process.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage, IOutboxStore, IAsyncDisposable
{
    /// <summary>The <c>provider</c> tag of this provider's metrics.</summary>
    public const string ProviderName = "memory";

    private readonly MemoryStorageData _data;
    private readonly GrainSerializer _serializer;
    private readonly OutboxSignal _outboxSignal;
    private readonly TimeProvider _timeProvider;
    private volatile bool _disposed;

    /// <summary>Creates an empty store.</summary>
    public MemoryGrainStorage(GrainSerializer serializer, OutboxSignal outboxSignal, TimeProvider timeProvider)
        : this(new MemoryStorageData(), serializer, outboxSignal, timeProvider)
    {
    }

    /// <summary>Creates a provider over existing data (tests simulate a restart with it).</summary>
    internal MemoryGrainStorage(
        MemoryStorageData data, GrainSerializer serializer, OutboxSignal outboxSignal, TimeProvider timeProvider)
    {
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        _outboxSignal = outboxSignal ?? throw new ArgumentNullException(nameof(outboxSignal));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The data this provider works on.</summary>
    internal MemoryStorageData Data => _data;

    /// <inheritdoc />
    public Task ReadStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken) =>
        Run(() => ReadState(stateName, grainId, grainState, cancellationToken));

    /// <inheritdoc />
    public Task WriteStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken) =>
        Run(() => WriteState(stateName, grainId, grainState, events, cancellationToken));

    /// <inheritdoc />
    public Task ClearStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken) =>
        Run(() => ClearState(stateName, grainId, grainState, cancellationToken));

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        Run(() => Append(events, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(int maxCount, CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(ReadPending(maxCount, cancellationToken));
        }
        catch (Exception ex)
        {
            return Task.FromException<IReadOnlyList<OutboxEntry>>(ex);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) =>
        Run(() => Delete(sequences, cancellationToken));

    /// <summary>Makes later calls fail; the data itself stays with whoever holds it.</summary>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return default;
    }

    // Every operation completes synchronously; failures (ETag conflicts included) travel in the returned task, as
    // they would from a real database call, instead of being thrown at the call site.
    private static Task Run(Action operation)
    {
        try
        {
            operation();
            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    private void ReadState<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        StorageText.ValidateKey(grainId, stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var start = _timeProvider.GetTimestamp();
        bool found;
        StoredRecord record;
        lock (_data.Gate)
        {
            found = _data.Rows.TryGetValue((grainId.Type, grainId.Key, stateName), out record);
        }

        if (found)
        {
            grainState.State = _serializer.Deserialize<TState>(record.Payload);
            grainState.ETag = GrainStateETag.Format(record.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        StorageInstruments.RecordDuration(StorageInstruments.ReadOperation, ProviderName, _timeProvider, start);
    }

    private void WriteState<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken)
    {
        StorageText.ValidateKey(grainId, stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        StorageText.ValidateEvents(events);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var start = _timeProvider.GetTimestamp();
        var payload = _serializer.Serialize(grainState.State);
        var key = (grainId.Type, grainId.Key, stateName);
        var expected = GrainStateETag.ToVersion(grainState.ETag);
        long version;
        lock (_data.Gate)
        {
            long? stored = _data.Rows.TryGetValue(key, out var row) ? row.Version : null;
            if (stored != expected)
            {
                throw GrainStateETag.Conflict(StorageOperationKind.Write, grainId, stateName, grainState.ETag, stored);
            }

            version = ++_data.LastVersion;
            _data.Rows[key] = new StoredRecord(payload, version);
            AppendLocked(events);
        }

        grainState.ETag = GrainStateETag.Format(version);
        grainState.RecordExists = true;
        if (events.Count > 0)
        {
            _outboxSignal.Notify();
        }

        StorageInstruments.RecordDuration(StorageInstruments.WriteOperation, ProviderName, _timeProvider, start);
    }

    private void ClearState<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        StorageText.ValidateKey(grainId, stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var start = _timeProvider.GetTimestamp();
        var key = (grainId.Type, grainId.Key, stateName);
        var expected = GrainStateETag.ToVersion(grainState.ETag);
        lock (_data.Gate)
        {
            long? stored = _data.Rows.TryGetValue(key, out var row) ? row.Version : null;
            if (stored != expected)
            {
                throw GrainStateETag.Conflict(StorageOperationKind.Clear, grainId, stateName, grainState.ETag, stored);
            }

            _data.Rows.Remove(key);
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        StorageInstruments.RecordDuration(StorageInstruments.ClearOperation, ProviderName, _timeProvider, start);
    }

    private void Append(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        StorageText.ValidateEvents(events);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (events.Count == 0)
        {
            return;
        }

        lock (_data.Gate)
        {
            AppendLocked(events);
        }

        _outboxSignal.Notify();
    }

    private IReadOnlyList<OutboxEntry> ReadPending(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_data.Gate)
        {
            return [.. _data.Outbox.Values.Take(maxCount)];
        }
    }

    private void Delete(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_data.Gate)
        {
            foreach (var sequence in sequences)
            {
                _data.Outbox.Remove(sequence);
            }
        }
    }

    private void AppendLocked(IReadOnlyList<OutboxEvent> events)
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var outboxEvent in events)
        {
            var sequence = ++_data.LastSequence;
            _data.Outbox.Add(sequence, new OutboxEntry(sequence, outboxEvent, now));
        }
    }
}
