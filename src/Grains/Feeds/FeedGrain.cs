using Microsoft.Extensions.Options;
using Playbound.Grains.Ids;
using Playbound.Grains.Posts.Views;
using Playbound.Grains.Stores;
using Orleans.Runtime;

namespace Playbound.Grains.Feeds;

/// <summary>
/// A home timeline (key: user id). Its entries live in the <see cref="IFeedStore"/> only (SQLite embedded, Redis in a
/// cluster), so fan-out stores a page of followers' entries and is done, with no call to any feed; each page reads
/// the entries it needs, merges the posts and reposts of followed celebrities, and pages by position (the post id, or
/// a repost's id: when the entry came in; keyset), so entries arriving between pages never shift a page. Posts are
/// hydrated by the silo's <see cref="PostHydrator"/>, not a call each; a repost's item names its reposter.
/// </summary>
public sealed class FeedGrain(
    IFeedStore feeds,
    IFollowGraph graph,
    IRepostStore reposts,
    IUserDirectory directory,
    PostHydrator posts,
    IOptions<FeedOptions> options,
    TimeProvider time)
    : Grain, IFeedGrain
{
    private readonly FeedOptions _options = options.Value;

    private bool _trimmed;
    private Relations? _relations;
    private IReadOnlyList<string>? _celebrities;
    private DateTimeOffset _celebritiesExpireAt;
    private readonly Dictionary<string, UserSummary?> _reposters = new(StringComparer.Ordinal);

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
            var views = await posts.HydrateAsync([.. batch.Select(static e => e.PostId)], OwnerId);
            items.AddRange(await VisibleItemsAsync(batch, views, relations));
            if (candidates.Count <= need)
            {
                return new Page<PostView>(items, null);
            }

            before = SnowflakeId.Parse(batch[^1].Position);
            if (items.Count == limit)
            {
                return new Page<PostView>(items, batch[^1].Position);
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

    /// <summary>
    /// The items of <paramref name="batch"/>: deleted posts, and those whose author or reposter the owner blocks, mutes
    /// or is blocked by (checked against the sets in memory), are left out; the page fills up from older entries.
    /// </summary>
    private async Task<List<PostView>> VisibleItemsAsync(FeedEntry[] batch, PostView?[] views, Relations relations)
    {
        var items = new List<PostView>(batch.Length);
        for (var i = 0; i < batch.Length; i++)
        {
            var (entry, view) = (batch[i], views[i]);
            if (view is null || relations.Silences(view.AuthorId) || (entry.ReposterId is { } r && relations.Silences(r)))
            {
                continue;
            }

            if (entry is { ReposterId: { } reposterId, RepostId: { } repostId })
            {
                // A reposter gone since (account deleted) brought nothing any more.
                if (await ReposterAsync(reposterId) is not { } reposter)
                {
                    continue;
                }

                view = view with { RepostedBy = reposter, RepostedAt = SnowflakeId.Timestamp(SnowflakeId.Parse(repostId)) };
            }

            items.Add(view);
        }

        return items;
    }

    /// <summary>A reposter's summary, read once per activation (a rename shows after the feed's next activation).</summary>
    private async Task<UserSummary?> ReposterAsync(string userId)
    {
        if (!_reposters.TryGetValue(userId, out var summary))
        {
            summary = await directory.GetAsync(userId, CancellationToken.None) is { } user ? new UserSummary(user.UserId, user.Handle, user.DisplayName) : null;
            _reposters[userId] = summary;
        }

        return summary;
    }

    /// <summary>
    /// The newest <paramref name="count"/> entries older than <paramref name="before"/>: stored entries, and the posts and
    /// reposts of followed celebrities. A post comes once, at its earliest entry; a celebrity's repost of a post by the
    /// owner or by another followed celebrity is left out, as the post itself is in the feed.
    /// </summary>
    private async Task<List<FeedEntry>> CandidatesAsync(IReadOnlyList<string> celebrities, long? before, int count)
    {
        var beforeText = before is null ? null : SnowflakeId.Format(before.Value);
        var stored = feeds.GetEntriesAsync(OwnerId, count, beforeText, CancellationToken.None);
        if (celebrities.Count == 0)
        {
            // Most feeds follow no celebrity: the store's entries are newest first with each post once already.
            return [.. await stored];
        }

        var merged = Task.WhenAll(celebrities.Select(async c =>
            (await GrainFactory.GetGrain<IUserPostsGrain>(c).GetRecentPostIds(count, beforeText)).Select(id => new FeedEntry(id, c))));
        var mergedReposts = Task.WhenAll(celebrities.Select(c => reposts.GetByUserAsync(c, count, beforeText, CancellationToken.None)));
        var celebrityReposts = (await mergedReposts).SelectMany(static r => r)
            .Where(r => r.AuthorId != OwnerId && !celebrities.Contains(r.AuthorId))
            .Select(static r => new FeedEntry(r.PostId, r.AuthorId, r.UserId, r.RepostId));
        return [.. (await stored).Concat((await merged).SelectMany(static e => e)).Concat(celebrityReposts)
            .GroupBy(static e => e.PostId, StringComparer.Ordinal)
            .Select(static post => post.MinBy(static e => SnowflakeId.Parse(e.Position))!)
            .OrderByDescending(static e => SnowflakeId.Parse(e.Position))
            .Take(count)];
    }
}
