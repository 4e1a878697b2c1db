namespace Playbound.Grains.Stores.Sqlite;

/// <summary>Options of the embedded social stores: two SQLite files, the home feeds' and everything else's.</summary>
public sealed class SqliteSocialStoreOptions
{
    /// <summary>The default of <see cref="DataDirectory"/>.</summary>
    public const string DefaultDataDirectory = "./data";

    /// <summary>
    /// The default of <see cref="FileName"/>: a file of its own, apart from the grain state's, so that the two
    /// single-writer files never wait for each other's writes.
    /// </summary>
    public const string DefaultFileName = "social.db";

    /// <summary>
    /// The default of <see cref="FeedFileName"/>: the home feeds in a file of their own, so that fan-out's writes (a
    /// B-tree page per follower) and their checkpoints never hold the lock a request's write waits for.
    /// </summary>
    public const string DefaultFeedFileName = "feeds.db";

    /// <summary>The default of <see cref="BusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The default of <see cref="CheckpointPages"/>: 16,384 pages, a write-ahead log of up to 64 MiB. Fan-out writes
    /// one B-tree page per follower, and SQLite's default of 1,000 checkpointed every few fan-out pages, copying the
    /// same hot pages into the file again and again (on a 4,000-user power-law set, 95/5 read/post mix: ~200 MB/s
    /// written, POST p50 210–270 ms; with 16,384: POST p50 ~115 ms, reads 1.8–2.3 k → 3.3–3.5 k req/s).
    /// </summary>
    public const int DefaultCheckpointPages = 16_384;

    /// <summary>The default of <see cref="CheckpointInterval"/>.</summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The default of <see cref="FeedHeadEntries"/>: 32 entries, so that a first page of up to 31 posts (the default is
    /// 20; the feed reads one more to know whether another page follows) comes from memory.
    /// </summary>
    public const int DefaultFeedHeadEntries = 32;

    /// <summary>The default of <see cref="FeedHeadFeeds"/>: 10,000 feeds, ~10 MB of heads of 32 entries.</summary>
    public const int DefaultFeedHeadFeeds = 10_000;

    /// <summary>The directory of the database files; created when missing. Relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = DefaultFileName;

    /// <summary>The home feeds' file name inside <see cref="DataDirectory"/>; it must differ from <see cref="FileName"/>.</summary>
    public string FeedFileName { get; set; } = DefaultFeedFileName;

    /// <summary>How long a statement waits for another process's lock on the file (SQLite <c>busy_timeout</c>) before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>
    /// How many pages a file's write-ahead log grows by before the committing transaction copies them into the database
    /// file (SQLite <c>wal_autocheckpoint</c>). Larger means fewer, larger checkpoints and a larger log file.
    /// </summary>
    public int CheckpointPages { get; set; } = DefaultCheckpointPages;

    /// <summary>
    /// How often a background checkpoint copies committed log pages into the file beside the writer, leaving the
    /// commit that passes <see cref="CheckpointPages"/> little to copy. With only the commits checkpointing, a post's
    /// write could wait for a fan-out page's checkpoint: POST p99 128–134 → 92–110 ms on the set above.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = DefaultCheckpointInterval;

    /// <summary>
    /// How many of each feed's newest entries are kept in memory once read, until a write changes the feed (0: none,
    /// every page is a query). Only this process writes the file, so it knows of every change.
    /// </summary>
    public int FeedHeadEntries { get; set; } = DefaultFeedHeadEntries;

    /// <summary>How many feeds' heads are kept at most; past that, all are dropped and the cache fills again.</summary>
    public int FeedHeadFeeds { get; set; } = DefaultFeedHeadFeeds;
}
