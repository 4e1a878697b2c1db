using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Playbound.Persistence.Sqlite;

/// <summary>
/// The only writer of one SQLite database: changes queue here and each transaction takes every change waiting (up
/// to a batch size), so many grains writing at once share one commit instead of contending for SQLite's write lock.
/// </summary>
/// <typeparam name="TChange">One caller's change.</typeparam>
/// <typeparam name="TResult">What the caller learns once its change committed.</typeparam>
/// <param name="databasePath">The database file.</param>
/// <param name="maxBatchSize">Most changes per transaction.</param>
/// <param name="apply">Applies a batch inside the given transaction and returns one result per change, in order.</param>
/// <param name="logger">Where a failed commit is reported.</param>
public sealed partial class SqliteGroupCommit<TChange, TResult>(
    string databasePath,
    int maxBatchSize,
    Func<SqliteTransaction, IReadOnlyList<TChange>, TResult[]> apply,
    ILogger logger) : IAsyncDisposable
{
    private readonly Channel<(TChange Change, TaskCompletionSource<TResult> Committed)> _queue =
        Channel.CreateUnbounded<(TChange, TaskCompletionSource<TResult>)>(new() { SingleReader = true });

    private Task _loop = Task.CompletedTask;

    /// <summary>Starts committing; changes submitted before this wait for it.</summary>
    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Queues <paramref name="change"/>; the task ends when its transaction committed, or fails with it.</summary>
    public Task<TResult> SubmitAsync(TChange change)
    {
        var committed = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((change, committed)))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommit<TChange, TResult>), $"the SQLite writer of {databasePath} has stopped");
        }

        return committed.Task;
    }

    /// <summary>Stops taking changes and waits until every queued one is committed.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<(TChange Change, TaskCompletionSource<TResult> Committed)>(maxBatchSize);
        var changes = new List<TChange>(maxBatchSize);
        SqliteConnection? connection = null;
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatchSize && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
                changes.Add(item.Change);
            }

            try
            {
                // Opened again after any failure: a file that cannot be opened fails this batch's callers and the
                // next batch tries again, instead of the writer dying with every later caller waiting forever.
                connection ??= await SqliteConnections.OpenAsync(databasePath);
                TResult[] results;
                using (var transaction = connection.BeginTransaction())
                {
                    results = apply(transaction, changes);
                    transaction.Commit();
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Committed.TrySetResult(results[i]);
                }
            }
            catch (Exception exception)
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                    connection = null;
                }

                LogCommitFailed(logger, exception, batch.Count, databasePath);
                batch.ForEach(item => item.Committed.TrySetException(exception));
            }

            batch.Clear();
            changes.Clear();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Committing {Count} changes to {Path} failed; each caller gets the error")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, int count, string path);
}
