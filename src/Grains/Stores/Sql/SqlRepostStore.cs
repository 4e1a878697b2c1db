namespace Playbound.Grains.Stores.Sql;

/// <summary><see cref="IRepostStore"/> on the reposts table (key: repost id; unique per post and user).</summary>
internal sealed class SqlRepostStore(SocialDatabase database) : IRepostStore
{
    private const string Columns = "SELECT repost_id, post_id, author_id, user_id, reposted_at FROM reposts";

    private const string Insert =
        "INSERT INTO reposts (repost_id, post_id, author_id, user_id, reposted_at) VALUES (@repost, @post, @author, @user, @at)" +
        " ON CONFLICT (post_id, user_id) DO NOTHING";

    private const string Delete = "DELETE FROM reposts WHERE post_id = @post AND user_id = @user";

    private const string DeleteByPost = "DELETE FROM reposts WHERE post_id = @post";

    private const string ByPost = Columns + " WHERE post_id = @post";

    private const string Timeline =
        Columns + " WHERE user_id IN (SELECT followee_id FROM follows WHERE follower_id = @user AND following) ORDER BY repost_id DESC LIMIT @limit";

    private static readonly PagedQuery Reposters = new(
        "SELECT r.repost_id, u.user_id, u.handle, u.display_name FROM reposts r JOIN users u ON u.user_id = r.user_id WHERE r.post_id = @owner",
        "r.repost_id < @cursor",
        "ORDER BY r.repost_id DESC");

    private static readonly PagedQuery ByUser = new(Columns + " WHERE user_id = @owner", "repost_id < @cursor", "ORDER BY repost_id DESC");

    // The unique key (post_id, user_id) answers each candidate with one index probe.
    private readonly string _repostedAmong =
        $"SELECT r.post_id FROM {database.IdList("@posts")} JOIN reposts r ON r.post_id = ids.id AND r.user_id = @user";

    /// <inheritdoc />
    public async Task<bool> AddAsync(RepostRecord repost, CancellationToken cancellationToken)
    {
        var (id, post, author, user) = Ids(repost);
        return await database.ExecuteAsync(
            Insert,
            statement => statement.Int64("@repost", id).Int64("@post", post).Int64("@author", author).Int64("@user", user).Time("@at", repost.RepostedAt),
            cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>The ids of <paramref name="repost"/> as the tables store them (the feed store's repost rows too).</summary>
    internal static (long Repost, long Post, long Author, long User) Ids(RepostRecord repost)
    {
        ArgumentNullException.ThrowIfNull(repost);
        return (SocialValues.Id(repost.RepostId, "repost.RepostId"), SocialValues.Id(repost.PostId, "repost.PostId"),
            SocialValues.Id(repost.AuthorId, "repost.AuthorId"), SocialValues.Id(repost.UserId, "repost.UserId"));
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string postId, string userId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        var user = SocialValues.Id(userId, nameof(userId));
        return await database.ExecuteAsync(Delete, statement => statement.Int64("@post", post).Int64("@user", user), cancellationToken)
            .ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RepostRecord>> GetByPostAsync(string postId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        return await database.QueryAsync(ByPost, statement => statement.Int64("@post", post), Read, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<string>> GetRepostedAmongAsync(string userId, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        ArgumentNullException.ThrowIfNull(postIds);
        var posts = postIds.Select(id => SocialValues.Id(id, nameof(postIds))).ToArray();
        return posts.Length == 0
            ? []
            : await database.QueryAsync(
                _repostedAmong, statement => statement.Int64("@user", user).Ids("@posts", posts), static row => row.Id(0), cancellationToken)
                .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Page<UserSummary>> ListRepostersAsync(string postId, int limit, string? cursor, CancellationToken cancellationToken) =>
        Reposters.UserPageAsync(database, postId, limit, cursor, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<RepostRecord>> GetByUserAsync(string userId, int limit, string? beforeRepostId, CancellationToken cancellationToken) =>
        ByUser.ListAsync(database, userId, limit, beforeRepostId, Read, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RepostRecord>> GetTimelineAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        SocialValues.Limit(limit);
        return await database.QueryAsync(Timeline, statement => statement.Int64("@user", user).Int32("@limit", limit), Read, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RemovePostAsync(string postId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        return database.ExecuteAsync(DeleteByPost, statement => statement.Int64("@post", post), cancellationToken, WritePriority.Bulk);
    }

    private static RepostRecord Read(Row row) => new(row.Id(0), row.Id(1), row.Id(2), row.Id(3), row.Time(4));
}
