using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Playbound.Streaming.Sqlite;

/// <summary>
/// Reads one queue for the pulling agent Orleans runs for it. Rows stay in the table until
/// <see cref="MessagesDeliveredAsync(IList{IBatchContainer}, CancellationToken)"/> deletes them, so a receiver that
/// dies (or a silo that loses the queue to another) leaves them for the next one: delivery is at least once.
/// </summary>
internal sealed partial class SqliteQueueAdapterReceiver(
    QueueId queueId,
    SqliteQueueStore store,
    SqliteStreamOptions options,
    Serializer<SqliteBatchContainer> serializer,
    ILogger logger,
    SqliteStreamMetrics? metrics = null) : IQueueAdapterReceiver
{
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>The last row handed to Orleans; a new receiver starts at 0 and so re-reads whatever is still queued.</summary>
    private long _lastRead;

    public Task Initialize(TimeSpan timeout) => Task.CompletedTask;

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var limit = maxCount > 0 ? Math.Min(maxCount, options.MaxMessagesPerRead) : options.MaxMessagesPerRead;
        var queue = queueId.ToString();
        var appended = store.NextAppend(queue);
        var rows = await store.ReadAsync(queue, _lastRead, limit);
        if (rows.Count == 0 && options.AppendWait > TimeSpan.Zero && await AppendedAsync(appended, cancellationToken))
        {
            rows = await store.ReadAsync(queue, _lastRead, limit);
        }

        var batches = new List<IBatchContainer>(rows.Count);
        foreach (var row in rows)
        {
            _lastRead = row.Sequence;
            if (await TryReadAsync(row) is { } batch)
            {
                batches.Add(batch);
            }
        }

        return batches;
    }

    [Obsolete("Orleans calls the overload with a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) =>
        Task.WhenAll(messages.OfType<SqliteBatchContainer>().Select(batch => store.SubmitAsync(new Remove(batch.Sequence))));

    public Task Shutdown(TimeSpan timeout)
    {
        _shutdown.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>Whether <paramref name="appended"/> completed within <see cref="SqliteStreamOptions.AppendWait"/> (false on timeout or shutdown).</summary>
    private async Task<bool> AppendedAsync(Task appended, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        var finished = await Task.WhenAny(appended, Task.Delay(options.AppendWait, wait.Token));
        return finished == appended;
    }

    /// <summary>Turns a row back into a batch; a row that cannot be (corrupt, or an event type this silo does not know) is dead-lettered, never retried forever.</summary>
    private async Task<SqliteBatchContainer?> TryReadAsync(QueueRow row)
    {
        try
        {
            var batch = serializer.Deserialize(row.Payload) ?? throw new InvalidDataException("the payload is empty");
            batch.Token = new EventSequenceTokenV2(row.Sequence);
            return batch.StreamId == row.StreamId ? batch : throw new InvalidDataException($"the row says stream {row.StreamId}, its payload {batch.StreamId}");
        }
        catch (Exception exception)
        {
            LogUnreadable(logger, exception, row.Sequence, queueId);
            await store.SubmitAsync(new MoveToDeadLetters(row.Sequence, $"unreadable: {exception.GetType().Name}: {exception.Message}"));
            metrics?.DeadLettered(queueId, "unreadable");
            return null;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Row {Sequence} of queue {QueueId} cannot be read; it was moved to the dead letters")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, long sequence, QueueId queueId);
}
