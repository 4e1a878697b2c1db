using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Stores.Sql;
using StackExchange.Redis;

namespace Playbound.Grains.Stores.Redis;

/// <summary>
/// <see cref="IFeedStore"/> on Redis sorted sets (<see cref="RedisFeedKeys"/>), as the feed design keeps them: a page of
/// fan-out is one script (<see cref="RedisFeedScripts"/>) adding the post to every follower's set and trimming each to
/// <see cref="FeedOptions.MaxEntries"/>. Nothing here is the truth: a feed lost with Redis is rebuilt from the follows
/// and posts in the social database when its owner next opens it (<see cref="EnsureBuiltAsync"/>).
/// </summary>
internal sealed class RedisFeedStore(
    IConnectionMultiplexer redis,
    IPostIndex index,
    IRepostStore reposts,
    IFollowGraph graph,
    IOptions<FeedOptions> feedOptions,
    IOptions<RedisFeedStoreOptions> options)
    : IFeedStore
{
    private readonly RedisFeedKeys _keys = new(options.Value.KeyPrefix);
    private readonly int _maxEntries = feedOptions.Value.MaxEntries;
    private readonly int _pageSize = feedOptions.Value.FanoutPageSize;

    private IDatabase Db => redis.GetDatabase();

    /// <inheritdoc />
    public Task AddToFeedsAsync(string postId, string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        return AddAsync(userIds, [RedisFeedKeys.Member(postId, authorId)]);
    }

    /// <inheritdoc />
    public Task AddRepostToFeedsAsync(RepostRecord repost, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repost);
        ArgumentNullException.ThrowIfNull(userIds);
        return userIds.Count == 0
            ? Task.CompletedTask
            : Db.ScriptEvaluateAsync(
                RedisFeedScripts.AddRepost,
                FeedAndVia(userIds),
                [_maxEntries, RedisFeedKeys.Member(repost.PostId, repost.AuthorId), RedisFeedKeys.Bound(repost.PostId), RedisFeedKeys.Member(repost)]);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePosition, CancellationToken cancellationToken)
    {
        SocialValues.Limit(limit);
        var before = beforePosition is null ? default : RedisFeedKeys.Bound(beforePosition);
        var page = await Db.SortedSetRangeByValueAsync(_keys.Feed(userId), default, before, Exclude.Stop, Order.Descending, 0, limit);
        return [.. page.Select(RedisFeedKeys.Entry)];
    }

    /// <inheritdoc />
    public async Task<bool> EnsureBuiltAsync(string userId, CancellationToken cancellationToken)
    {
        if (await Db.KeyExistsAsync(_keys.Built(userId)))
        {
            return false;
        }

        // Entries fan-out added meanwhile stay: adding is idempotent, so the rebuilt feed is their union.
        var timeline = await index.GetTimelineAsync(userId, _maxEntries, cancellationToken);
        if (timeline.Count > 0)
        {
            await AddAsync([userId], [.. timeline.Select(static e => RedisFeedKeys.Member(e.PostId, e.AuthorId))]);
        }

        // Oldest first, as they entered: where two followees reposted one post, the earlier repost is the one kept.
        foreach (var repost in (await reposts.GetTimelineAsync(userId, _maxEntries, cancellationToken)).Reverse())
        {
            await AddRepostToFeedsAsync(repost, [userId], cancellationToken);
        }

        await Db.StringSetAsync(_keys.Built(userId), 1);
        return true;
    }

    /// <inheritdoc />
    public async Task BackfillAsync(string userId, string authorId, int count, CancellationToken cancellationToken)
    {
        var members = await NewestMembersAsync(authorId, count, cancellationToken);
        if (members.Length > 0)
        {
            await AddAsync([userId], members);
        }
    }

    /// <inheritdoc />
    public async Task BackfillFollowersAsync(string authorId, int count, CancellationToken cancellationToken)
    {
        var members = await NewestMembersAsync(authorId, count, cancellationToken);
        var theirReposts = count == 0 ? [] : await reposts.GetByUserAsync(authorId, count, null, cancellationToken);
        await FollowerFeeds.ForEachPageAsync(graph, authorId, _pageSize, async page =>
        {
            if (members.Length > 0)
            {
                await AddAsync(page, members);
            }

            foreach (var repost in theirReposts.Reverse())
            {
                await AddRepostToFeedsAsync(repost, page, cancellationToken);
            }
        });
    }

    /// <inheritdoc />
    public async Task RemoveAuthorAsync(string userId, string authorId, CancellationToken cancellationToken)
    {
        var feed = _keys.Feed(userId);
        var members = await Db.SortedSetRangeByRankAsync(feed);
        RedisValue[] theirs = [.. members.Where(m => RedisFeedKeys.IsBy(m, authorId))];
        if (theirs.Length > 0)
        {
            await Db.SortedSetRemoveAsync(feed, theirs);
            RedisValue[] reposted = [.. theirs.Select(RedisFeedKeys.Entry).Where(static e => e.ReposterId is not null).Select(static e => RedisFeedKeys.Bound(e.PostId))];
            if (reposted.Length > 0)
            {
                await Db.HashDeleteAsync(_keys.Via(userId), reposted);
            }
        }
    }

    /// <inheritdoc />
    public async Task RemovePostAsync(string postId, string authorId, CancellationToken cancellationToken)
    {
        // The post reached its author's feed and the feeds of whoever followed them; anyone who unfollowed since has
        // had the author's posts removed already.
        var member = RedisFeedKeys.Member(postId, authorId);
        await RemoveAsync([authorId], member);
        await FollowerFeeds.ForEachPageAsync(graph, authorId, _pageSize, page => RemoveAsync(page, member));
        foreach (var repost in await reposts.GetByPostAsync(postId, cancellationToken))
        {
            await RemoveRepostFromFollowersAsync(postId, repost.UserId, anyReposter: true);
        }
    }

    /// <inheritdoc />
    public Task RemoveRepostAsync(string postId, string reposterId, CancellationToken cancellationToken) =>
        RemoveRepostFromFollowersAsync(postId, reposterId, anyReposter: false);

    /// <inheritdoc />
    public Task TrimAsync(string userId, int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        return Db.SortedSetRemoveRangeByRankAsync(_keys.Feed(userId), 0, -keep - 1);
    }

    /// <inheritdoc />
    public Task ClearAsync(string userId, CancellationToken cancellationToken) =>
        Db.KeyDeleteAsync([_keys.Feed(userId), _keys.Via(userId), _keys.Built(userId)]);

    /// <summary>The members of <paramref name="authorId"/>'s <paramref name="count"/> newest posts.</summary>
    private async Task<RedisValue[]> NewestMembersAsync(string authorId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var posts = count == 0 ? [] : await index.GetByAuthorAsync(authorId, count, null, cancellationToken);
        return [.. posts.Select(static p => RedisFeedKeys.Member(p.PostId, p.AuthorId))];
    }

    /// <summary>Removes the post from the feeds of <paramref name="reposterId"/>'s followers that have it through a repost (that user's, or any).</summary>
    private Task RemoveRepostFromFollowersAsync(string postId, string reposterId, bool anyReposter)
    {
        RedisValue[] args = [RedisFeedKeys.Bound(postId), anyReposter ? "" : ":" + SocialValues.Id(reposterId, nameof(reposterId))];
        return FollowerFeeds.ForEachPageAsync(graph, reposterId, _pageSize, page => Db.ScriptEvaluateAsync(RedisFeedScripts.RemoveRepost, FeedAndVia(page), args));
    }

    private RedisKey[] FeedAndVia(IReadOnlyList<string> userIds) => [.. userIds.SelectMany(u => new[] { _keys.Feed(u), _keys.Via(u) })];

    private Task AddAsync(IReadOnlyList<string> userIds, RedisValue[] members) =>
        userIds.Count == 0
            ? Task.CompletedTask
            : Db.ScriptEvaluateAsync(RedisFeedScripts.Add, FeedAndVia(userIds), [_maxEntries, .. members]);

    private Task RemoveAsync(IReadOnlyList<string> userIds, RedisValue member) =>
        userIds.Count == 0 ? Task.CompletedTask : Db.ScriptEvaluateAsync(RedisFeedScripts.Remove, [.. userIds.Select(_keys.Feed)], [member]);
}
