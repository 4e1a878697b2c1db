namespace Playbound.Runtime.Storage;

/// <summary>
/// The "database" behind <see cref="MemoryGrainStorage"/>: rows, outbox and counters, guarded by one lock. Kept apart
/// from the provider so that tests can dispose a provider and open a new one over the same data, like a restart.
/// </summary>
internal sealed class MemoryStorageData
{
    /// <summary>Guards every member below; held only for dictionary work, never across an await.</summary>
    public Lock Gate { get; } = new();

    /// <summary>State rows by (grain type, grain key, state name).</summary>
    public Dictionary<(string Type, string Key, string StateName), StoredRecord> Rows { get; } = [];

    /// <summary>Outbox rows in sequence order.</summary>
    public SortedDictionary<long, OutboxEntry> Outbox { get; } = [];

    /// <summary>The last version handed out (shared by all rows, so ETags are never reused after a clear).</summary>
    public long LastVersion { get; set; }

    /// <summary>The last outbox sequence handed out.</summary>
    public long LastSequence { get; set; }
}
