namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// <see cref="IFeedStore"/> on the feed_entries (a post from its author) and feed_reposts (a post through a repost)
/// tables. Every write is one set-based statement per table with <c>ON CONFLICT DO NOTHING</c>, so fan-out, backfill
/// and their redeliveries are idempotent; each insert skips users whose feed holds the post in the other table, so a
/// feed holds a post once.
/// </summary>
internal sealed class SqlFeedStore(SocialDatabase database) : IFeedStore
{
    private const string Insert = "INSERT INTO feed_entries (user_id, post_id, author_id) ";

    private const string InsertRepost = "INSERT INTO feed_reposts (user_id, repost_id, post_id, author_id, reposter_id) ";

    private const string IgnoreExisting = " ON CONFLICT (user_id, post_id) DO NOTHING";

    private static readonly string Backfill =
        Insert + "SELECT @owner, p.post_id, p.author_id FROM posts p WHERE p.author_id = @author" + NotReposted("@owner", "p.post_id") +
        " ORDER BY p.post_id DESC LIMIT @count" + IgnoreExisting;

    private static readonly string BackfillFollowers =
        Insert + "SELECT f.follower_id, p.post_id, p.author_id FROM follows f" +
        " CROSS JOIN (SELECT post_id, author_id FROM posts WHERE author_id = @author ORDER BY post_id DESC LIMIT @count) p" +
        " WHERE f.followee_id = @author AND f.following" + NotReposted("f.follower_id", "p.post_id") + IgnoreExisting;

    private static readonly string BackfillFollowersReposts =
        InsertRepost + "SELECT f.follower_id, r.repost_id, r.post_id, r.author_id, r.user_id FROM follows f" +
        " CROSS JOIN (SELECT repost_id, post_id, author_id, user_id FROM reposts WHERE user_id = @author ORDER BY repost_id DESC LIMIT @count) r" +
        " WHERE f.followee_id = @author AND f.following" + NotStored("f.follower_id", "r.post_id") + IgnoreExisting;

    private const string RemoveAuthor = "DELETE FROM feed_entries WHERE user_id = @owner AND author_id = @author";

    private const string RemoveReposter = "DELETE FROM feed_reposts WHERE user_id = @owner AND reposter_id = @author";

    // The post reached its author's feed and their followers' (anyone who unfollowed since lost the author's posts
    // already); each is one primary-key probe, where a secondary index by post would cost every fan-out insert.
    private const string RemovePost =
        "DELETE FROM feed_entries WHERE post_id = @post AND user_id IN " +
        "(SELECT follower_id FROM follows WHERE followee_id = @author AND following UNION ALL SELECT @author)";

    // Through a repost, it reached the followers of its reposters.
    private const string RemovePostReposts =
        "DELETE FROM feed_reposts WHERE post_id = @post AND user_id IN " +
        "(SELECT f.follower_id FROM reposts r JOIN follows f ON f.followee_id = r.user_id AND f.following WHERE r.post_id = @post)";

    private const string RemoveRepost =
        "DELETE FROM feed_reposts WHERE post_id = @post AND reposter_id = @reposter AND user_id IN " +
        "(SELECT follower_id FROM follows WHERE followee_id = @reposter AND following)";

    private const string Positions =
        "SELECT post_id AS pos FROM feed_entries WHERE user_id = @owner UNION ALL SELECT repost_id FROM feed_reposts WHERE user_id = @owner";

    // The (keep + 1)-th newest entry: it and everything older goes.
    private const string FirstBeyond = "SELECT pos FROM (" + Positions + ") f ORDER BY pos DESC LIMIT 1 OFFSET @keep";

    private static readonly string[] TrimFrom =
        ["DELETE FROM feed_entries WHERE user_id = @owner AND post_id <= @oldest", "DELETE FROM feed_reposts WHERE user_id = @owner AND repost_id <= @oldest"];

    private static readonly string[] Clear = ["DELETE FROM feed_entries WHERE user_id = @owner", "DELETE FROM feed_reposts WHERE user_id = @owner"];

    private static readonly string FirstPage = Page(after: "");

    private static readonly string NextPage = Page(after: " AND {0} < @cursor");

    // WHERE TRUE: SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT, or it reads ON as a join condition.
    private readonly string _fanOut =
        Insert + $"SELECT ids.id, @post, @author FROM {database.IdList("@users")} WHERE TRUE" + NotReposted("ids.id", "@post") + IgnoreExisting;

    private readonly string _fanOutRepost =
        InsertRepost + $"SELECT ids.id, @repost, @post, @author, @reposter FROM {database.IdList("@users")} WHERE TRUE" +
        NotStored("ids.id", "@post") + IgnoreExisting;

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
        ArgumentNullException.ThrowIfNull(repost);
        var id = SocialValues.Id(repost.RepostId, "repost.RepostId");
        var post = SocialValues.Id(repost.PostId, "repost.PostId");
        var author = SocialValues.Id(repost.AuthorId, "repost.AuthorId");
        var reposter = SocialValues.Id(repost.UserId, "repost.UserId");
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
    public async Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePosition, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        SocialValues.Limit(limit);
        var before = SocialValues.OptionalId(beforePosition, nameof(beforePosition));
        return await database.QueryAsync(
            before is null ? FirstPage : NextPage,
            statement => statement.Int64("@owner", user).Int64("@cursor", before).Int32("@limit", limit),
            static row => row.OptionalId(3) is { } reposter
                ? new FeedEntry(row.Id(1), row.Id(2), reposter, row.Id(0))
                : new FeedEntry(row.Id(1), row.Id(2)),
            cancellationToken).ConfigureAwait(false);
    }

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
        return database.ExecuteAllAsync(
            [RemoveAuthor, RemoveReposter], statement => statement.Int64("@owner", user).Int64("@author", author), cancellationToken);
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
            await database.ExecuteAllAsync(TrimFrom, statement => statement.Int64("@owner", user).Int64("@oldest", from), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return database.ExecuteAllAsync(Clear, statement => statement.Int64("@owner", user), cancellationToken, WritePriority.Bulk);
    }

    /// <summary>A page of both tables by position (the post id, or the repost id), newest first.</summary>
    private static string Page(string after) =>
        "SELECT * FROM (SELECT post_id AS pos, post_id, author_id, CAST(NULL AS BIGINT) AS reposter_id FROM feed_entries" +
        " WHERE user_id = @owner" + string.Format(System.Globalization.CultureInfo.InvariantCulture, after, "post_id") +
        " ORDER BY post_id DESC LIMIT @limit) d" +
        " UNION ALL SELECT * FROM (SELECT repost_id, post_id, author_id, reposter_id FROM feed_reposts" +
        " WHERE user_id = @owner" + string.Format(System.Globalization.CultureInfo.InvariantCulture, after, "repost_id") +
        " ORDER BY repost_id DESC LIMIT @limit) r ORDER BY pos DESC LIMIT @limit";

    /// <summary>Unless <paramref name="user"/>'s feed holds <paramref name="post"/> through a repost.</summary>
    private static string NotReposted(string user, string post) =>
        $" AND NOT EXISTS (SELECT 1 FROM feed_reposts x WHERE x.user_id = {user} AND x.post_id = {post})";

    /// <summary>Unless <paramref name="user"/>'s feed holds <paramref name="post"/> from its author.</summary>
    private static string NotStored(string user, string post) =>
        $" AND NOT EXISTS (SELECT 1 FROM feed_entries x WHERE x.user_id = {user} AND x.post_id = {post})";

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
