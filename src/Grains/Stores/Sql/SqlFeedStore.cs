namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// <see cref="IFeedStore"/> on the feed_entries table: a post from its author is a row at the post's id, a post through
/// a repost a row at the repost's id with the post in repost_of, so a page is one primary-key range either way. Every
/// write is one set-based statement with <c>ON CONFLICT DO NOTHING</c>, so fan-out, backfill and their redeliveries are
/// idempotent; each insert skips feeds that hold the post the other way, so a feed holds a post once.
/// </summary>
internal sealed class SqlFeedStore(SocialDatabase database) : IFeedStore
{
    private const string Insert = "INSERT INTO feed_entries (user_id, post_id, author_id) ";

    private const string InsertRepost = "INSERT INTO feed_entries (user_id, post_id, author_id, repost_of, reposter_id) ";

    private const string IgnoreExisting = " ON CONFLICT (user_id, post_id) DO NOTHING";

    // Either key: the repost itself (a redelivery), or another repost of the post in that feed.
    private const string IgnoreAnyExisting = " ON CONFLICT DO NOTHING";

    private static readonly string Backfill =
        Insert + "SELECT @owner, p.post_id, p.author_id FROM posts p WHERE p.author_id = @author" + NotReposted("@owner", "p.post_id") +
        " ORDER BY p.post_id DESC LIMIT @count" + IgnoreExisting;

    private static readonly string BackfillFollowers =
        Insert + "SELECT f.follower_id, p.post_id, p.author_id FROM follows f" +
        " CROSS JOIN (SELECT post_id, author_id FROM posts WHERE author_id = @author ORDER BY post_id DESC LIMIT @count) p" +
        " WHERE f.followee_id = @author AND f.following" + NotReposted("f.follower_id", "p.post_id") + IgnoreExisting;

    private static readonly string BackfillFollowersReposts =
        InsertRepost + "SELECT f.follower_id, r.repost_id, r.author_id, r.post_id, r.user_id FROM follows f" +
        " CROSS JOIN (SELECT repost_id, post_id, author_id, user_id FROM reposts WHERE user_id = @author ORDER BY repost_id DESC LIMIT @count) r" +
        " WHERE f.followee_id = @author AND f.following" + NotStored("f.follower_id", "r.post_id") + IgnoreAnyExisting;

    // The followee's own posts, and whatever they reposted; not the followee's posts that came through someone's repost.
    private const string RemoveAuthor =
        "DELETE FROM feed_entries WHERE user_id = @owner AND ((author_id = @author AND repost_of IS NULL) OR reposter_id = @author)";

    // The post reached its author's feed and their followers' (anyone who unfollowed since lost the author's posts
    // already); each is one primary-key probe, where a secondary index by post would cost every fan-out insert.
    private const string RemovePost =
        "DELETE FROM feed_entries WHERE post_id = @post AND user_id IN " +
        "(SELECT follower_id FROM follows WHERE followee_id = @author AND following UNION ALL SELECT @author)";

    // Through a repost, it reached the followers of its reposters: probes of the (user, repost_of) index.
    private const string RemovePostReposts =
        "DELETE FROM feed_entries WHERE repost_of = @post AND user_id IN " +
        "(SELECT f.follower_id FROM reposts r JOIN follows f ON f.followee_id = r.user_id AND f.following WHERE r.post_id = @post)";

    private const string RemoveRepost =
        "DELETE FROM feed_entries WHERE repost_of = @post AND reposter_id = @reposter AND user_id IN " +
        "(SELECT follower_id FROM follows WHERE followee_id = @reposter AND following)";

    // The (keep + 1)-th newest entry: it and everything older goes.
    private const string FirstBeyond =
        "SELECT post_id FROM feed_entries WHERE user_id = @owner ORDER BY post_id DESC LIMIT 1 OFFSET @keep";

    private const string TrimFrom = "DELETE FROM feed_entries WHERE user_id = @owner AND post_id <= @oldest";

    private const string Clear = "DELETE FROM feed_entries WHERE user_id = @owner";

    private static readonly PagedQuery Entries = new(
        "SELECT post_id, author_id, repost_of, reposter_id FROM feed_entries WHERE user_id = @owner", "post_id < @cursor", "ORDER BY post_id DESC");

    // WHERE TRUE: SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT, or it reads ON as a join condition.
    private readonly string _fanOut =
        Insert + $"SELECT ids.id, @post, @author FROM {database.IdList("@users")} WHERE TRUE" + NotReposted("ids.id", "@post") + IgnoreExisting;

    private readonly string _fanOutRepost =
        InsertRepost + $"SELECT ids.id, @repost, @author, @post, @reposter FROM {database.IdList("@users")} WHERE TRUE" +
        NotStored("ids.id", "@post") + IgnoreAnyExisting;

    /// <inheritdoc />
    public Task AddToFeedsAsync(string postId, string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        var author = SocialValues.Id(authorId, nameof(authorId));
        var users = Ids(userIds);
        return users.Length == 0
            ? Task.CompletedTask
            : database.ExecuteAsync(
                _fanOut, statement => statement.Int64("@post", post).Int64("@author", author).Ids("@users", users), cancellationToken, WritePriority.Bulk);
    }

    /// <inheritdoc />
    public Task AddRepostToFeedsAsync(RepostRecord repost, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var (id, post, author, reposter) = SqlRepostStore.Ids(repost);
        var users = Ids(userIds);
        return users.Length == 0
            ? Task.CompletedTask
            : database.ExecuteAsync(
                _fanOutRepost,
                statement => statement.Int64("@repost", id).Int64("@post", post).Int64("@author", author).Int64("@reposter", reposter).Ids("@users", users),
                cancellationToken,
                WritePriority.Bulk);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePosition, CancellationToken cancellationToken) =>
        await Entries.ListAsync(
            database,
            userId,
            limit,
            beforePosition,
            static row => row.OptionalId(2) is { } post ? new FeedEntry(post, row.Id(1), row.OptionalId(3), row.Id(0)) : new FeedEntry(row.Id(0), row.Id(1)),
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>The feed_entries rows are the durable record: a feed here is never lost without the database.</remarks>
    public Task<bool> EnsureBuiltAsync(string userId, CancellationToken cancellationToken)
    {
        SocialValues.Id(userId, nameof(userId));
        return Task.FromResult(false);
    }

    /// <inheritdoc />
    public Task BackfillAsync(string userId, string authorId, int count, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        var author = SocialValues.Id(authorId, nameof(authorId));
        return database.ExecuteAsync(
            Backfill, statement => statement.Int64("@owner", user).Int64("@author", author).Int32("@count", Count(count)), cancellationToken);
    }

    /// <inheritdoc />
    public Task BackfillFollowersAsync(string authorId, int count, CancellationToken cancellationToken)
    {
        var author = SocialValues.Id(authorId, nameof(authorId));
        return database.ExecuteAllAsync(
            [BackfillFollowers, BackfillFollowersReposts],
            statement => statement.Int64("@author", author).Int32("@count", Count(count)),
            cancellationToken,
            WritePriority.Bulk);
    }

    /// <inheritdoc />
    public Task RemoveAuthorAsync(string userId, string authorId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        var author = SocialValues.Id(authorId, nameof(authorId));
        return database.ExecuteAsync(RemoveAuthor, statement => statement.Int64("@owner", user).Int64("@author", author), cancellationToken);
    }

    /// <inheritdoc />
    public Task RemovePostAsync(string postId, string authorId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        var author = SocialValues.Id(authorId, nameof(authorId));
        return database.ExecuteAllAsync(
            [RemovePost, RemovePostReposts], statement => statement.Int64("@post", post).Int64("@author", author), cancellationToken, WritePriority.Bulk);
    }

    /// <inheritdoc />
    public Task RemoveRepostAsync(string postId, string reposterId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        var reposter = SocialValues.Id(reposterId, nameof(reposterId));
        return database.ExecuteAsync(
            RemoveRepost, statement => statement.Int64("@post", post).Int64("@reposter", reposter), cancellationToken, WritePriority.Bulk);
    }

    /// <inheritdoc />
    /// <remarks>Looks before it deletes: a read never waits for the writer, and most feeds hold no more than they keep.</remarks>
    public async Task TrimAsync(string userId, int keep, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var oldest = await database.QueryFirstAsync<long?>(
            FirstBeyond, statement => statement.Int64("@owner", user).Int32("@keep", keep), static row => row.Int64(0), null, cancellationToken)
            .ConfigureAwait(false);
        if (oldest is { } from)
        {
            await database.ExecuteAsync(TrimFrom, statement => statement.Int64("@owner", user).Int64("@oldest", from), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return database.ExecuteAsync(Clear, statement => statement.Int64("@owner", user), cancellationToken, WritePriority.Bulk);
    }

    /// <summary>Unless <paramref name="user"/>'s feed holds <paramref name="post"/> through a repost.</summary>
    private static string NotReposted(string user, string post) =>
        $" AND NOT EXISTS (SELECT 1 FROM feed_entries x WHERE x.user_id = {user} AND x.repost_of = {post})";

    /// <summary>Unless <paramref name="user"/>'s feed holds <paramref name="post"/> from its author.</summary>
    private static string NotStored(string user, string post) =>
        $" AND NOT EXISTS (SELECT 1 FROM feed_entries x WHERE x.user_id = {user} AND x.post_id = {post} AND x.repost_of IS NULL)";

    private static long[] Ids(IReadOnlyList<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var users = new long[userIds.Count];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = SocialValues.Id(userIds[i], nameof(userIds));
        }

        return users;
    }

    private static int Count(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SocialValues.MaxLimit);
        return count;
    }
}
