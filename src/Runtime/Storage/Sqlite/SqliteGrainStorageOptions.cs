namespace Playbound.Runtime.Storage;

/// <summary>Options of <see cref="SqliteGrainStorage"/>, the embedded store.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The default of <see cref="DataDirectory"/>.</summary>
    public const string DefaultDataDirectory = "./data";

    /// <summary>The default of <see cref="FileName"/>.</summary>
    public const string DefaultFileName = "playbound.db";

    /// <summary>The default of <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 512;

    /// <summary>The default of <see cref="BusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The directory of the database file; created when missing. Relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = DefaultFileName;

    /// <summary>
    /// A full Microsoft.Data.Sqlite connection string; when set, it replaces <see cref="DataDirectory"/> and
    /// <see cref="FileName"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The most writes and clears committed in one transaction by the group-commit writer.</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>How long a statement waits for another connection's lock (SQLite <c>busy_timeout</c>) before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;
}
