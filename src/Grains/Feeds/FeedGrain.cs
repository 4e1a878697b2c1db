using Microsoft.Extensions.Options;
using Playbound.Grains.Ids;
using Playbound.Grains.Posts.Views;
using Playbound.Grains.Stores;
using Orleans.Runtime;

namespace Playbound.Grains.Feeds;

/// <summary>
/// A home timeline (key: user id). Its entries live in the <see cref="IFeedStore"/> only (SQLite embedded, Redis in a
/// cluster), so fan-out stores a page of followers' entries and is done, with no call to any feed; each page reads
/// the entries it needs, merges the posts of followed celebrities, and pages by post id (keyset), so posts arriving
/// between pages never shift a page. Posts are hydrated by the silo's <see cref="PostHydrator"/>, not a call each.
/// </summary>
public sealed class FeedGrain(IFeedStore feeds, IFollowGraph graph, PostHydrator posts, IOptions<FeedOptions> options, TimeProvider time)
    : Grain, IFeedGrain
{
    private readonly FeedOptions _options = options.Value;

    private bool _trimmed;
    private Relations? _relations;
    private IReadOnlyList<string>? _celebrities;
    private DateTimeOffset _celebritiesExpireAt;

    private string OwnerId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<Page<PostView>> GetPage(int limit, string? cursor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var before = SnowflakeId.ParseCursor(cursor);

        // Opening the feed: a store that lost it (Redis) rebuilds it now, and later pages read what this one found.
        // The check and the activation's trim run beside the first read (with Redis, one round trip instead of
        // three); after the rare rebuild the page is read again.
        var rebuilding = cursor is null ? feeds.EnsureBuiltAsync(OwnerId, CancellationToken.None) : Task.FromResult(false);
        var trimming = TrimOnceAsync();
        var relations = _relations ??= await GrainFactory.GetGrain<IRelationsGrain>(OwnerId).GetRelations();
        var celebrities = await CelebritiesAsync();
        var candidates = await CandidatesAsync(celebrities, before, limit + 1);
        if (await rebuilding)
        {
            candidates = await CandidatesAsync(celebrities, before, limit + 1);
        }

        await trimming;
        var items = new List<PostView>(limit);
        while (true)
        {
            var need = limit - items.Count;
            var batch = candidates.Take(need).ToArray();
            var views = await posts.HydrateAsync([.. batch.Select(SnowflakeId.Format)], OwnerId);

            // Deleted posts, and those of authors the owner blocks, mutes or is blocked by (checked against the sets
            // in memory), are left out; the page fills up from older entries.
            items.AddRange(views.OfType<PostView>().Where(view => !relations.Silences(view.AuthorId)));
            if (candidates.Count <= need)
            {
                return new Page<PostView>(items, null);
            }

            before = batch[^1];
            if (items.Count == limit)
            {
                return new Page<PostView>(items, SnowflakeId.Format(batch[^1]));
            }

            candidates = await CandidatesAsync(celebrities, before, limit - items.Count + 1);
        }
    }

    /// <inheritdoc />
    public Task Invalidate()
    {
        _celebrities = null;
        _relations = null;
        return Task.CompletedTask;
    }

    /// <summary>Fan-out only adds; once per activation the feed drops what lies beyond <see cref="FeedOptions.MaxEntries"/>.</summary>
    private async Task TrimOnceAsync()
    {
        if (!_trimmed)
        {
            await feeds.TrimAsync(OwnerId, _options.MaxEntries, CancellationToken.None);
            _trimmed = true;
        }
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
    private async Task<List<long>> CandidatesAsync(IReadOnlyList<string> celebrities, long? before, int count)
    {
        var beforeText = before is null ? null : SnowflakeId.Format(before.Value);
        var stored = feeds.GetEntriesAsync(OwnerId, count, beforeText, CancellationToken.None);
        var merged = await Task.WhenAll(celebrities.Select(c =>
            GrainFactory.GetGrain<IUserPostsGrain>(c).GetRecentPostIds(count, beforeText)));
        var ids = (await stored).Select(static e => e.PostId).Concat(merged.SelectMany(static ids => ids)).Select(SnowflakeId.Parse);
        return [.. ids.Distinct().Order(NewestFirst.Instance).Take(count)];
    }

    /// <summary>Orders post ids newest (largest) first.</summary>
    private sealed class NewestFirst : IComparer<long>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(long x, long y) => y.CompareTo(x);
    }
}
