namespace Playbound.Persistence.Sqlite;

/// <summary>Options of a <see cref="SqliteReminderTable"/>.</summary>
public sealed class SqliteReminderTableOptions
{
    /// <summary>
    /// Path of the SQLite database file; its directory is created when missing. Required. It may be the grain
    /// storage's file: the reminders live in their own table, and WAL lets both write through the busy timeout.
    /// </summary>
    public string DatabasePath { get; set; } = "";
}
