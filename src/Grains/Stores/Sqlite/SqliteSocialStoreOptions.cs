namespace Playbound.Grains.Stores.Sqlite;

/// <summary>Options of the embedded social stores: one SQLite file.</summary>
public sealed class SqliteSocialStoreOptions
{
    /// <summary>The default of <see cref="DataDirectory"/>.</summary>
    public const string DefaultDataDirectory = "./data";

    /// <summary>
    /// The default of <see cref="FileName"/>: a file of its own, apart from the grain state's, so that the two
    /// single-writer files never wait for each other's writes.
    /// </summary>
    public const string DefaultFileName = "social.db";

    /// <summary>The default of <see cref="BusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The directory of the database file; created when missing. Relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = DefaultFileName;

    /// <summary>How long a statement waits for another process's lock on the file (SQLite <c>busy_timeout</c>) before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;
}
