using Playbound.Grains.Stores.Sql;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// Hands the one write turn of a SQLite file to one transaction at a time. Interactive writes (a post's row, a like,
/// a follow: a request waits for each) go ahead of bulk writes (fan-out pages of up to a thousand rows, which only
/// the background fan-out waits for), so a request waits for at most the bulk transaction already running, never for
/// the queue behind it. So that bulk writes cannot starve under a steady stream of interactive ones, a waiting bulk
/// write gets the turn after <see cref="InteractiveTurnsPerBulkTurn"/> interactive turns in a row.
/// </summary>
internal sealed class SqliteWriterQueue
{
    /// <summary>How many interactive turns in a row may pass a waiting bulk write.</summary>
    public const int InteractiveTurnsPerBulkTurn = 8;

    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource<IDisposable>> _interactive = new();
    private readonly Queue<TaskCompletionSource<IDisposable>> _bulk = new();
    private bool _busy;
    private int _interactiveInARow;

    /// <summary>Waits for the write turn; disposing the result passes it on.</summary>
    public ValueTask<IDisposable> EnterAsync(WritePriority priority, CancellationToken cancellationToken)
    {
        TaskCompletionSource<IDisposable> waiter;
        lock (_gate)
        {
            if (!_busy)
            {
                _busy = true;
                return ValueTask.FromResult<IDisposable>(new Turn(this));
            }

            waiter = new TaskCompletionSource<IDisposable>(TaskCreationOptions.RunContinuationsAsynchronously);
            (priority == WritePriority.Bulk ? _bulk : _interactive).Enqueue(waiter);
        }

        return new ValueTask<IDisposable>(WaitAsync(waiter, cancellationToken));
    }

    private static async Task<IDisposable> WaitAsync(TaskCompletionSource<IDisposable> waiter, CancellationToken cancellationToken)
    {
        // A cancelled waiter stays queued and is skipped when its turn comes (TrySetResult fails on it).
        using var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return await waiter.Task.ConfigureAwait(false);
    }

    private void PassOn()
    {
        while (true)
        {
            TaskCompletionSource<IDisposable>? next;
            lock (_gate)
            {
                next = Next();
                if (next is null)
                {
                    _busy = false;
                    return;
                }
            }

            if (next.TrySetResult(new Turn(this)))
            {
                return;
            }
        }
    }

    private TaskCompletionSource<IDisposable>? Next()
    {
        var bulkFirst = _bulk.Count > 0 && (_interactive.Count == 0 || _interactiveInARow >= InteractiveTurnsPerBulkTurn);
        if (bulkFirst)
        {
            _interactiveInARow = 0;
            return _bulk.Dequeue();
        }

        if (_interactive.TryDequeue(out var interactive))
        {
            _interactiveInARow = _bulk.Count > 0 ? _interactiveInARow + 1 : 0;
            return interactive;
        }

        return null;
    }

    private sealed class Turn(SqliteWriterQueue queue) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                queue.PassOn();
            }
        }
    }
}
