using Microsoft.Extensions.Logging;
using Playbound.Runtime.Diagnostics;

namespace Playbound.Runtime.Storage;

/// <content>The writer: a queue, one loop, and the group commit (one transaction per batch, one ETag check per operation).</content>
public abstract partial class BatchingGrainStorage
{
    /// <summary>
    /// Test seam: the writer takes no new batch until the returned action runs, so that operations queued meanwhile
    /// are committed together in one batch. Call it only while no batch is being committed.
    /// </summary>
    internal Action HoldWriter()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writerHold = hold;
        return () =>
        {
            _writerHold = null;
            hold.TrySetResult();
        };
    }

    private async Task<long?> EnqueueAsync(StorageOperation operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_startLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writerLoop ??= Task.Run(RunWriterLoopAsync, CancellationToken.None);
        }

        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        using var registration = cancellationToken.UnsafeRegister(
            static (state, token) => ((StorageOperation)state!).TryCancel(token), operation);
        return await operation.Completion.Task.ConfigureAwait(false);
    }

    private async Task RunWriterLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<StorageOperation>(Math.Min(_maxBatchSize, 1024));
        try
        {
            // No waiting for more work: whatever queued up while the previous commit ran is the next batch, so a lone
            // write commits at once and batches grow only under load. The loop ends when the queue is completed
            // (disposal) and drained.
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (_writerHold is { } hold)
                {
                    // Observes the abort token so that even a forgotten hold cannot make disposal hang.
                    await hold.Task.WaitAsync(_abort.Token).ConfigureAwait(false);
                }

                while (batch.Count < _maxBatchSize && reader.TryRead(out var operation))
                {
                    if (operation.TryTake())
                    {
                        batch.Add(operation);
                    }
                }

                if (batch.Count > 0)
                {
                    await CommitBatchAsync(batch, _abort.Token).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (Exception ex)
        {
            // Unreachable unless a dialect bug escapes the committer: fail everything rather than leave callers hanging.
            Logger.WriterLoopFailed(ex, Name, Provider);
            _queue.Writer.TryComplete(ex);
            foreach (var operation in batch)
            {
                operation.Completion.TrySetException(ex);
            }

            while (reader.TryRead(out var operation))
            {
                operation.Completion.TrySetException(ex);
            }
        }
    }

    private async Task CommitBatchAsync(List<StorageOperation> batch, CancellationToken cancellationToken)
    {
        var start = TimeProvider.GetTimestamp();
        var conflicts = 0;
        var committedEvents = false;
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await BeforeTransactionAsync(connection, batch, cancellationToken).ConfigureAwait(false);
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ApplyStateChangesAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
                    List<OutboxEvent>? events = null;
                    foreach (var operation in batch)
                    {
                        if (!operation.Applied)
                        {
                            // Only conflicts (rare) and clears of missing records pay for this read. It runs inside the
                            // transaction after all statements, so a clear of a missing record is judged as if it ran
                            // last in the batch: a valid order, since every operation of a batch was pending at once.
                            var stored = await ReadVersionAsync(
                                connection, transaction, operation.GrainId, operation.StateName, cancellationToken)
                                .ConfigureAwait(false);
                            if (operation.IsClearOfMissingRecord && stored is null)
                            {
                                operation.Applied = true;
                            }
                            else
                            {
                                operation.StoredVersion = stored;
                                conflicts++;
                                continue;
                            }
                        }

                        // Events of a conflicting operation are never written: only applied operations get here.
                        if (operation.Events.Count > 0)
                        {
                            (events ??= []).AddRange(operation.Events);
                        }
                    }

                    if (events is not null)
                    {
                        await InsertOutboxAsync(connection, transaction, events, TimeProvider.GetUtcNow(), cancellationToken)
                            .ConfigureAwait(false);
                        committedEvents = true;
                    }

                    await StorageTransactions.CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            // The transaction rolled back (or its outcome is unknown): nothing of this batch is reported as stored.
            // Every caller gets the exception and may retry after re-reading.
            Logger.BatchFailed(ex, Name, Provider, batch.Count);
            foreach (var operation in batch)
            {
                operation.Completion.TrySetException(ex);
            }

            return;
        }

        if (committedEvents)
        {
            _outboxSignal.Notify();
        }

        foreach (var operation in batch)
        {
            if (operation.Applied)
            {
                operation.Completion.TrySetResult(operation.NewVersion);
                continue;
            }

            var conflict = GrainStateETag.Conflict(
                operation.Kind, operation.GrainId, operation.StateName, operation.ExpectedETag, operation.StoredVersion);
            Logger.ETagConflict(
                Name, operation.Kind.ToString(), operation.StateName, operation.GrainId, conflict.CurrentETag, conflict.StoredETag);
            operation.Completion.TrySetException(conflict);
        }

        StorageInstruments.RecordBatch(Provider, batch.Count);
        Logger.BatchCommitted(Name, Provider, batch.Count, conflicts, TimeProvider.GetElapsedTime(start).TotalMilliseconds);
    }
}
