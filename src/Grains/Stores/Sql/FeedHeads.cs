using System.Collections.Concurrent;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// The newest entries (heads) of the feeds of one database file that a <see cref="FeedHeadCache"/> has read, shared by
/// every cache over that file in this process: a test cluster runs two silos over one SQLite file in one process, and
/// a write through either must be seen by reads through both. Acquired per file and released by each cache; the last
/// release drops the heads, so a store opened again later starts empty.
/// </summary>
/// <remarks>
/// A read that missed stores the head it read only if its feed was not forgotten in the meantime (the slot it started
/// from is still there), so a read racing a write never keeps what the write changed. At most <c>maxFeeds</c> heads
/// are kept; past that, all are forgotten and the heads fill again.
/// </remarks>
internal sealed class FeedHeads
{
    private static readonly Dictionary<string, FeedHeads> ByFile = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly string _filePath;
    private readonly int _maxFeeds;
    private int _filled;
    private int _leases;

    private FeedHeads(string filePath, int size, int maxFeeds) => (_filePath, Size, _maxFeeds) = (filePath, size, maxFeeds);

    /// <summary>How many entries a head holds: a feed's newest, or all of them when it holds fewer.</summary>
    public int Size { get; }

    /// <summary>The heads of <paramref name="filePath"/>, made with the sizes given if no cache in this process holds them yet.</summary>
    public static FeedHeads Acquire(string filePath, int size, int maxFeeds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFeeds, 1);
        lock (ByFile)
        {
            if (!ByFile.TryGetValue(filePath, out var heads))
            {
                ByFile[filePath] = heads = new FeedHeads(filePath, size, maxFeeds);
            }

            heads._leases++;
            return heads;
        }
    }

    /// <summary>Gives back one <see cref="Acquire"/>; the last drops the heads.</summary>
    public void Release()
    {
        lock (ByFile)
        {
            if (--_leases == 0)
            {
                ByFile.Remove(_filePath);
            }
        }
    }

    /// <summary>
    /// The <paramref name="limit"/> entries of <paramref name="userId"/>'s feed older than <paramref name="before"/>
    /// (newest first), or null when no head is kept or it cannot tell (fewer left than asked for, and the feed may
    /// hold more beyond its head).
    /// </summary>
    public FeedEntry[]? TryRead(string userId, int limit, long? before)
    {
        if (!_slots.TryGetValue(userId, out var slot) || slot.Entries is not { } entries)
        {
            return null;
        }

        var start = 0;
        while (before is { } b && start < entries.Length && entries[start].Position >= b)
        {
            start++;
        }

        var left = entries.Length - start;
        if (left < limit && entries.Length == Size)
        {
            return null;
        }

        var page = new FeedEntry[Math.Min(left, limit)];
        for (var i = 0; i < page.Length; i++)
        {
            page[i] = entries[start + i].ToFeedEntry();
        }

        return page;
    }

    /// <summary>The slot a read of <paramref name="userId"/>'s head starts from; pass it to <see cref="Keep"/>.</summary>
    public Slot Begin(string userId) => _slots.GetOrAdd(userId, static _ => new Slot(null));

    /// <summary>Keeps the head read from <paramref name="begun"/>, unless the feed was forgotten since.</summary>
    public void Keep(string userId, Slot begun, IReadOnlyList<FeedEntry> head)
    {
        if (Interlocked.Increment(ref _filled) > _maxFeeds)
        {
            Forget(null);
            return;
        }

        _slots.TryUpdate(userId, new Slot([.. head.Select(Entry.From)]), begun);
    }

    /// <summary>Forgets the heads of <paramref name="userIds"/>, or all heads when null.</summary>
    public void Forget(IReadOnlyList<string>? userIds)
    {
        if (userIds is null)
        {
            _slots.Clear();
            Volatile.Write(ref _filled, 0);
            return;
        }

        foreach (var userId in userIds)
        {
            _slots.TryRemove(userId, out _);
        }
    }

    /// <summary>
    /// One feed's slot: empty until a read fills it (then replaced by a new slot), compared by reference, so that a
    /// read stores its head only into the slot it started from.
    /// </summary>
    public sealed class Slot
    {
        internal Slot(Entry[]? entries) => Entries = entries;

        internal Entry[]? Entries { get; }
    }

    /// <summary>
    /// A <see cref="FeedEntry"/> as four numbers (0 for a post's missing repost fields; ids are positive): 32 bytes
    /// instead of ~180 for the record and its id strings, so 10,000 heads of 32 entries take ~10 MB.
    /// </summary>
    internal readonly record struct Entry(long PostId, long AuthorId, long ReposterId, long RepostId)
    {
        public long Position => RepostId != 0 ? RepostId : PostId;

        public static Entry From(FeedEntry entry) => new(
            SocialValues.Id(entry.PostId, nameof(entry)),
            SocialValues.Id(entry.AuthorId, nameof(entry)),
            SocialValues.OptionalId(entry.ReposterId, nameof(entry)) ?? 0,
            SocialValues.OptionalId(entry.RepostId, nameof(entry)) ?? 0);

        public FeedEntry ToFeedEntry() => RepostId == 0
            ? new FeedEntry(SocialValues.IdText(PostId), SocialValues.IdText(AuthorId))
            : new FeedEntry(SocialValues.IdText(PostId), SocialValues.IdText(AuthorId), SocialValues.IdText(ReposterId), SocialValues.IdText(RepostId));
    }
}
