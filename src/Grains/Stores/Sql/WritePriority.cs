namespace Playbound.Grains.Stores.Sql;

/// <summary>Who waits for a write: where the database has a single writer, it decides whose transaction goes first.</summary>
internal enum WritePriority
{
    /// <summary>A request waits for it (a post's row, a like, a follow).</summary>
    Interactive,

    /// <summary>Only background work waits for it (fan-out pages, backfills): it may wait behind interactive writes.</summary>
    Bulk,
}
