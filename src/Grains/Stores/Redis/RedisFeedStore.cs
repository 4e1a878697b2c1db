using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Stores.Sql;
using StackExchange.Redis;

namespace Playbound.Grains.Stores.Redis;

/// <summary>
/// <see cref="IFeedStore"/> on Redis sorted sets (<see cref="RedisFeedKeys"/>), as the feed design keeps them: a page of
/// fan-out is one script adding the post to every follower's set and trimming each to
/// <see cref="FeedOptions.MaxEntries"/>. Nothing here is the truth: a feed lost with Redis is rebuilt from the follows
/// and posts in the social database when its owner next opens it (<see cref="EnsureBuiltAsync"/>).
/// </summary>
internal sealed class RedisFeedStore(
    IConnectionMultiplexer redis, IPostIndex index, IFollowGraph graph, IOptions<FeedOptions> feedOptions, IOptions<RedisFeedStoreOptions> options)
    : IFeedStore
{
    // KEYS: feeds; ARGV[1]: the most entries a feed keeps; ARGV[2..]: members to add to each feed.
    private const string AddScript = """
        local keep = tonumber(ARGV[1])
        for _, key in ipairs(KEYS) do
          for i = 2, #ARGV do
            redis.call('ZADD', key, 0, ARGV[i])
          end
          if redis.call('ZCARD', key) > keep then
            redis.call('ZREMRANGEBYRANK', key, 0, -keep - 1)
          end
        end
        return #KEYS
        """;

    // KEYS: feeds; ARGV[1]: the member to remove from each.
    private const string RemoveScript = """
        for _, key in ipairs(KEYS) do
          redis.call('ZREM', key, ARGV[1])
        end
        return #KEYS
        """;

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
    public async Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePostId, CancellationToken cancellationToken)
    {
        SocialValues.Limit(limit);
        var before = beforePostId is null ? default : RedisFeedKeys.Bound(beforePostId);
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
        if (members.Length > 0)
        {
            await FollowerFeeds.ForEachPageAsync(graph, authorId, _pageSize, page => AddAsync(page, members));
        }
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
    }

    /// <inheritdoc />
    public Task TrimAsync(string userId, int keep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        return Db.SortedSetRemoveRangeByRankAsync(_keys.Feed(userId), 0, -keep - 1);
    }

    /// <inheritdoc />
    public Task ClearAsync(string userId, CancellationToken cancellationToken) =>
        Db.KeyDeleteAsync([_keys.Feed(userId), _keys.Built(userId)]);

    /// <summary>The members of <paramref name="authorId"/>'s <paramref name="count"/> newest posts.</summary>
    private async Task<RedisValue[]> NewestMembersAsync(string authorId, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var posts = count == 0 ? [] : await index.GetByAuthorAsync(authorId, count, null, cancellationToken);
        return [.. posts.Select(static p => RedisFeedKeys.Member(p.PostId, p.AuthorId))];
    }

    private Task AddAsync(IReadOnlyList<string> userIds, RedisValue[] members) =>
        userIds.Count == 0
            ? Task.CompletedTask
            : Db.ScriptEvaluateAsync(AddScript, [.. userIds.Select(_keys.Feed)], [_maxEntries, .. members]);

    private Task RemoveAsync(IReadOnlyList<string> userIds, RedisValue member) =>
        userIds.Count == 0 ? Task.CompletedTask : Db.ScriptEvaluateAsync(RemoveScript, [.. userIds.Select(_keys.Feed)], [member]);
}
