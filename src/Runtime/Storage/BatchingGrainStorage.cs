using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Diagnostics;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Storage;

/// <summary>
/// The shared core of the SQL grain storage providers. Reads go straight to the database; writes and clears are
/// queued and a single writer loop commits whatever is pending (up to a maximum batch size) in one transaction
/// (group commit). Each operation's ETag is checked on its own, so a conflicting operation fails alone while the
/// rest of its batch commits. Dialects supply only the SQL.
/// </summary>
public abstract partial class BatchingGrainStorage : IGrainStorage, IOutboxStore, IAsyncDisposable, IDisposable
{
    /// <summary>How long disposal waits for queued writes to commit before it aborts them.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<StorageOperation> _queue =
        Channel.CreateUnbounded<StorageOperation>(new UnboundedChannelOptions { SingleReader = true });

    private readonly CancellationTokenSource _abort = new();
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private readonly Lock _startLock = new();
    private readonly int _maxBatchSize;
    private readonly GrainSerializer _serializer;
    private readonly OutboxSignal _outboxSignal;
    private Task? _writerLoop;
    private volatile TaskCompletionSource? _writerHold;
    private volatile bool _schemaReady;
    private volatile bool _disposed;

    private protected BatchingGrainStorage(
        string name, string provider, int maxBatchSize, GrainSerializer serializer, OutboxSignal outboxSignal,
        TimeProvider timeProvider, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchSize);
        Name = name;
        Provider = provider;
        _maxBatchSize = maxBatchSize;
        _serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        _outboxSignal = outboxSignal ?? throw new ArgumentNullException(nameof(outboxSignal));
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The name this provider is registered under.</summary>
    public string Name { get; }

    /// <summary>The provider kind, used as the metrics tag (e.g. <c>sqlite</c>).</summary>
    private protected string Provider { get; }

    /// <summary>The clock for row timestamps and durations.</summary>
    private protected TimeProvider TimeProvider { get; }

    /// <summary>The provider's logger.</summary>
    private protected ILogger Logger { get; }

    /// <inheritdoc />
    public async Task ReadStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        StorageText.ValidateKey(grainId, stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var start = TimeProvider.GetTimestamp();
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var record = await ReadRecordAsync(grainId, stateName, cancellationToken).ConfigureAwait(false);
        if (record is { } stored)
        {
            grainState.State = _serializer.Deserialize<TState>(stored.Payload);
            grainState.ETag = GrainStateETag.Format(stored.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        StorageInstruments.RecordDuration(StorageInstruments.ReadOperation, Provider, TimeProvider, start);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken)
    {
        StorageText.ValidateKey(grainId, stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        StorageText.ValidateEvents(events);
        var start = TimeProvider.GetTimestamp();

        // Serialize on the caller's thread: a state that cannot be serialized fails alone, before it is queued.
        var payload = _serializer.Serialize(grainState.State);
        var operation = StorageOperation.Write(grainId, stateName, grainState.ETag, payload, events, start);
        var version = await EnqueueAsync(operation, cancellationToken).ConfigureAwait(false);
        grainState.ETag = GrainStateETag.Format(version!.Value);
        grainState.RecordExists = true;
        StorageInstruments.RecordDuration(StorageInstruments.WriteOperation, Provider, TimeProvider, start);
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<TState>(
        string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken)
    {
        StorageText.ValidateKey(grainId, stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var start = TimeProvider.GetTimestamp();
        var operation = StorageOperation.Clear(grainId, stateName, grainState.ETag, start);
        await EnqueueAsync(operation, cancellationToken).ConfigureAwait(false);
        grainState.ETag = null;
        grainState.RecordExists = false;
        StorageInstruments.RecordDuration(StorageInstruments.ClearOperation, Provider, TimeProvider, start);
    }

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken)
    {
        StorageText.ValidateEvents(events);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (events.Count == 0)
        {
            return;
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await InsertOutboxAsync(connection, transaction, events, TimeProvider.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
                await StorageTransactions.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
        }

        _outboxSignal.Notify();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxEntry>> ReadPendingAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPendingCoreAsync(maxCount, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sequences.Count == 0)
        {
            return;
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await DeleteCoreAsync(sequences, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits or fails every queued write, then releases the database. Never waits forever.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? writerLoop;
        lock (_startLock)
        {
            if (_disposed)
            {
                return;
            }

            // Under the lock no new writer loop can start, and completing the queue makes later enqueues fail;
            // operations already queued are still committed by the loop, which only ends once the queue is empty.
            _disposed = true;
            _queue.Writer.TryComplete();
            writerLoop = _writerLoop;
        }

        if (writerLoop is not null)
        {
            try
            {
                await writerLoop.WaitAsync(ShutdownTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The database is not answering: cancel the in-flight commit so every pending caller gets an
                // exception instead of hanging.
                Logger.ShutdownTimedOut(Name, Provider, ShutdownTimeout.TotalMilliseconds);
                await _abort.CancelAsync().ConfigureAwait(false);
                await writerLoop.ConfigureAwait(false);
            }
        }

        await DisposeCoreAsync().ConfigureAwait(false);
        _abort.Dispose();
        _schemaLock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes synchronously (for containers disposed with <c>Dispose</c>); prefer <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Opens a connection ready for use.</summary>
    private protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Creates the tables if they do not exist; must be safe to run from several processes at once.</summary>
    private protected abstract Task CreateSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Reads one row; null when it does not exist.</summary>
    private protected abstract Task<StoredRecord?> ReadRecordAsync(
        GrainId grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Runs on a batch's connection before its transaction begins; what it writes stays committed even when the
    /// batch fails (e.g. reserving a range of versions).
    /// </summary>
    private protected virtual Task BeforeTransactionAsync(
        DbConnection connection, IReadOnlyList<StorageOperation> operations, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Applies each operation whose ETag matches, with the effect of running them one by one in order (operations on
    /// the same row see each other's changes), and sets <see cref="StorageOperation.Applied"/> (and
    /// <see cref="StorageOperation.NewVersion"/> for writes). Must skip clears of missing records and must not raise
    /// statement errors on conflicts, so that one conflict cannot abort the transaction.
    /// </summary>
    private protected abstract Task ApplyStateChangesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<StorageOperation> operations,
        CancellationToken cancellationToken);

    /// <summary>Reads a row's version inside the transaction; null when it does not exist.</summary>
    private protected abstract Task<long?> ReadVersionAsync(
        DbConnection connection, DbTransaction transaction, GrainId grainId, string stateName,
        CancellationToken cancellationToken);

    /// <summary>Appends events to the outbox in order.</summary>
    private protected abstract Task InsertOutboxAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxEvent> events, DateTimeOffset createdAt,
        CancellationToken cancellationToken);

    /// <summary>Reads the oldest outbox rows.</summary>
    private protected abstract Task<IReadOnlyList<OutboxEntry>> ReadPendingCoreAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Deletes outbox rows.</summary>
    private protected abstract Task DeleteCoreAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);

    /// <summary>Releases the dialect's resources after the writer loop has stopped.</summary>
    private protected virtual ValueTask DisposeCoreAsync() => default;

    private ValueTask EnsureSchemaAsync(CancellationToken cancellationToken) =>
        _schemaReady ? default : new ValueTask(CreateSchemaOnceAsync(cancellationToken));

    private async Task CreateSchemaOnceAsync(CancellationToken cancellationToken)
    {
        await _schemaLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A failed attempt leaves the flag unset so that the next operation tries again.
            if (!_schemaReady)
            {
                await CreateSchemaAsync(cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
                Logger.SchemaReady(Name, Provider);
            }
        }
        finally
        {
            _schemaLock.Release();
        }
    }
}
