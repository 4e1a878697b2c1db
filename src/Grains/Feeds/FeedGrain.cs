using Microsoft.Extensions.Options;
using Playbound.Grains.Ids;
using Playbound.Grains.Stores;
using Orleans.Runtime;

namespace Playbound.Grains.Feeds;

/// <summary>
/// A home timeline (key: user id), in memory only: the feed_entries table is its durable state. It loads the newest
/// <see cref="FeedOptions.MaxEntries"/> entries on the first read (not on activation, so fan-out can tell a cold feed
/// about a post for free), merges the posts of followed celebrities at read time, and pages by post id (keyset),
/// so posts arriving between pages never shift a page.
/// </summary>
public sealed class FeedGrain(IFeedStore feeds, IFollowGraph graph, IOptions<FeedOptions> options, TimeProvider time)
    : Grain, IFeedGrain
{
    private readonly FeedOptions _options = options.Value;

    /// <summary>The stored entries' post ids, newest first; null until the first read or after an invalidation.</summary>
    private List<long>? _entries;

    private IReadOnlyList<string>? _celebrities;
    private DateTimeOffset _celebritiesExpireAt;

    private string OwnerId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<Page<PostView>> GetPage(int limit, string? cursor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var before = SnowflakeId.ParseCursor(cursor);
        var entries = await EntriesAsync();
        var celebrities = await CelebritiesAsync();
        var items = new List<PostView>(limit);
        while (true)
        {
            var need = limit - items.Count;
            var candidates = await CandidatesAsync(entries, celebrities, before, need + 1);
            var batch = candidates.Take(need).ToArray();
            items.AddRange(await HydrateAsync(batch));
            if (candidates.Count <= need)
            {
                return new Page<PostView>(items, null);
            }

            before = batch[^1];
            if (items.Count == limit)
            {
                return new Page<PostView>(items, SnowflakeId.Format(batch[^1]));
            }
        }
    }

    /// <inheritdoc />
    public Task OnPostAdded(string postId, string authorId)
    {
        if (_entries is not null && SnowflakeId.TryParse(postId, out var id))
        {
            var index = _entries.BinarySearch(id, NewestFirst.Instance);
            if (index < 0)
            {
                _entries.Insert(~index, id);
                if (_entries.Count > _options.MaxEntries)
                {
                    _entries.RemoveAt(_entries.Count - 1);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Invalidate()
    {
        _entries = null;
        _celebrities = null;
        return Task.CompletedTask;
    }

    private async Task<List<long>> EntriesAsync()
    {
        if (_entries is not null)
        {
            return _entries;
        }

        var rows = await feeds.GetEntriesAsync(OwnerId, _options.MaxEntries + 1, null, CancellationToken.None);
        if (rows.Count > _options.MaxEntries)
        {
            await feeds.TrimAsync(OwnerId, _options.MaxEntries, CancellationToken.None);
        }

        var ids = rows.Take(_options.MaxEntries).Select(static r => SnowflakeId.Parse(r.PostId)).ToList();
        ids.Sort(NewestFirst.Instance);
        return _entries = ids;
    }

    private async Task<IReadOnlyList<string>> CelebritiesAsync()
    {
        var now = time.GetUtcNow();
        if (_celebrities is null || now >= _celebritiesExpireAt)
        {
            _celebrities = await graph.GetFolloweesWithFollowersAtLeastAsync(OwnerId, _options.CelebrityThreshold, CancellationToken.None);
            _celebritiesExpireAt = now + _options.CelebrityCacheDuration;
        }

        return _celebrities;
    }

    /// <summary>The newest <paramref name="count"/> post ids older than <paramref name="before"/>: stored entries and celebrities' posts, deduplicated.</summary>
    private async Task<List<long>> CandidatesAsync(List<long> entries, IReadOnlyList<string> celebrities, long? before, int count)
    {
        var stored = entries.Where(id => before is null || id < before).Take(count);
        var beforeText = before is null ? null : SnowflakeId.Format(before.Value);
        var merged = await Task.WhenAll(celebrities.Select(c =>
            GrainFactory.GetGrain<IUserPostsGrain>(c).GetRecentPostIds(count, beforeText)));
        var celebrityIds = merged.SelectMany(static ids => ids).Select(SnowflakeId.Parse);
        return [.. stored.Concat(celebrityIds).Distinct().Order(NewestFirst.Instance).Take(count)];
    }

    /// <summary>The posts as the owner sees them, in order; deleted ones are dropped and forgotten.</summary>
    private async Task<IEnumerable<PostView>> HydrateAsync(long[] ids)
    {
        var posts = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IPostGrain>(SnowflakeId.Format(id)).Get(OwnerId)));
        for (var i = 0; i < ids.Length; i++)
        {
            if (posts[i] is null)
            {
                _entries?.Remove(ids[i]);
            }
        }

        return posts.OfType<PostView>();
    }

    /// <summary>Orders post ids newest (largest) first.</summary>
    private sealed class NewestFirst : IComparer<long>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(long x, long y) => y.CompareTo(x);
    }
}
