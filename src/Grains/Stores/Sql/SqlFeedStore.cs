namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// <see cref="IFeedStore"/> on the feed_entries table. Every write is one set-based statement with
/// <c>ON CONFLICT DO NOTHING</c>, so fan-out, backfill and their redeliveries are idempotent.
/// </summary>
internal sealed class SqlFeedStore(SocialDatabase database) : IFeedStore
{
    private const string Insert = "INSERT INTO feed_entries (user_id, post_id, author_id) ";

    private const string IgnoreExisting = " ON CONFLICT (user_id, post_id) DO NOTHING";

    private const string Backfill =
        Insert + "SELECT @owner, post_id, author_id FROM posts WHERE author_id = @author ORDER BY post_id DESC LIMIT @count" + IgnoreExisting;

    private const string BackfillFollowers =
        Insert + "SELECT f.follower_id, p.post_id, p.author_id FROM follows f" +
        " CROSS JOIN (SELECT post_id, author_id FROM posts WHERE author_id = @author ORDER BY post_id DESC LIMIT @count) p" +
        " WHERE f.followee_id = @author AND f.following" + IgnoreExisting;

    private const string RemoveAuthor = "DELETE FROM feed_entries WHERE user_id = @owner AND author_id = @author";

    // The post reached its author's feed and their followers' (anyone who unfollowed since lost the author's posts
    // already); each is one primary-key probe, where a secondary index by post would cost every fan-out insert.
    private const string RemovePost =
        "DELETE FROM feed_entries WHERE post_id = @post AND user_id IN " +
        "(SELECT follower_id FROM follows WHERE followee_id = @author AND following UNION ALL SELECT @author)";

    // The (keep + 1)-th newest entry: it and everything older goes.
    private const string FirstBeyond =
        "SELECT post_id FROM feed_entries WHERE user_id = @owner ORDER BY post_id DESC LIMIT 1 OFFSET @keep";

    private const string Clear = "DELETE FROM feed_entries WHERE user_id = @owner";

    private const string TrimFrom = "DELETE FROM feed_entries WHERE user_id = @owner AND post_id <= @oldest";

    private static readonly PagedQuery Entries = new(
        "SELECT post_id, author_id FROM feed_entries WHERE user_id = @owner", "post_id < @cursor", "ORDER BY post_id DESC");

    // WHERE TRUE: SQLite needs a WHERE before ON CONFLICT in INSERT ... SELECT, or it reads ON as a join condition.
    private readonly string _fanOut = Insert + $"SELECT ids.id, @post, @author FROM {database.IdList("@users")} WHERE TRUE" + IgnoreExisting;

    /// <inheritdoc />
    public Task AddToFeedsAsync(string postId, string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        var author = SocialValues.Id(authorId, nameof(authorId));
        ArgumentNullException.ThrowIfNull(userIds);
        var users = new long[userIds.Count];
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = SocialValues.Id(userIds[i], nameof(userIds));
        }

        return users.Length == 0
            ? Task.CompletedTask
            : database.ExecuteAsync(
                _fanOut,
                statement => statement.Int64("@post", post).Int64("@author", author).Ids("@users", users),
                cancellationToken,
                WritePriority.Bulk);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(
        string userId, int limit, string? beforePostId, CancellationToken cancellationToken)
    {
        return await Entries.ListAsync(database, userId, limit, beforePostId, row => new FeedEntry(row.Id(0), row.Id(1)), cancellationToken)
            .ConfigureAwait(false);
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
        return database.ExecuteAsync(
            BackfillFollowers,
            statement => statement.Int64("@author", author).Int32("@count", Count(count)),
            cancellationToken,
            WritePriority.Bulk);
    }

    /// <inheritdoc />
    public Task RemoveAuthorAsync(string userId, string authorId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        var author = SocialValues.Id(authorId, nameof(authorId));
        return database.ExecuteAsync(
            RemoveAuthor, statement => statement.Int64("@owner", user).Int64("@author", author), cancellationToken);
    }

    /// <inheritdoc />
    public Task RemovePostAsync(string postId, string authorId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        var author = SocialValues.Id(authorId, nameof(authorId));
        return database.ExecuteAsync(
            RemovePost, statement => statement.Int64("@post", post).Int64("@author", author), cancellationToken, WritePriority.Bulk);
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

    private static int Count(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, SocialValues.MaxLimit);
        return count;
    }

    /// <inheritdoc />
    public Task ClearAsync(string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return database.ExecuteAsync(Clear, statement => statement.Int64("@owner", user), cancellationToken, WritePriority.Bulk);
    }
}
