namespace Playbound.Streaming.Sqlite;

/// <summary>Options of a SQLite-backed persistent stream provider.</summary>
public sealed class SqliteStreamOptions
{
    /// <summary>Default for <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 512;

    /// <summary>Default for <see cref="MaxMessagesPerRead"/>.</summary>
    public const int DefaultMaxMessagesPerRead = 256;

    /// <summary>Default for <see cref="AppendWait"/>: 100 ms.</summary>
    public static readonly TimeSpan DefaultAppendWait = TimeSpan.FromMilliseconds(100);

    /// <summary>Path of the SQLite database holding the queue and dead-letter tables; its directory is created when missing. Required.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>Most enqueues, deletions and dead-letterings committed in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>Most messages one poll of a queue reads when Orleans sets no limit.</summary>
    public int MaxMessagesPerRead { get; set; } = DefaultMaxMessagesPerRead;

    /// <summary>
    /// How long a read that finds its queue empty waits for an enqueue by this process before it answers "nothing":
    /// an event published in the same process is then delivered at once instead of at the pulling agent's next poll.
    /// Enqueues by other processes are still found by the polls. <see cref="TimeSpan.Zero"/> turns waiting off.
    /// </summary>
    public TimeSpan AppendWait { get; set; } = DefaultAppendWait;
}
