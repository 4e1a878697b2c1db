namespace Playbound.Grains.Stores.Sql;

/// <summary><see cref="IEngagementStore"/> on the post_likes and comments tables.</summary>
internal sealed class SqlEngagementStore(SocialDatabase database) : IEngagementStore
{
    private const string InsertLike = "INSERT INTO post_likes (post_id, user_id) VALUES (@post, @user) ON CONFLICT (post_id, user_id) DO NOTHING";

    private const string DeleteLike = "DELETE FROM post_likes WHERE post_id = @post AND user_id = @user";

    private const string SelectLikers = "SELECT user_id FROM post_likes WHERE post_id = @post";

    private const string InsertComment =
        "INSERT INTO comments (comment_id, post_id, author_id, author_handle, text, created_at)" +
        " VALUES (@comment, @post, @author, @handle, @text, @created) ON CONFLICT (comment_id) DO NOTHING";

    private const string DeleteComments = "DELETE FROM comments WHERE post_id = @post AND author_id = @user";

    private const string DeletePostLikes = "DELETE FROM post_likes WHERE post_id = @post";

    private const string DeletePostComments = "DELETE FROM comments WHERE post_id = @post";

    private const string CountComments = "SELECT COUNT(*) FROM comments WHERE post_id = @post";

    private static readonly PagedQuery Comments = new(
        "SELECT comment_id, post_id, author_id, author_handle, text, created_at FROM comments WHERE post_id = @owner",
        "comment_id > @cursor",
        "ORDER BY comment_id");

    // The primary key (post_id, user_id) answers each candidate with one index probe.
    private readonly string _likedAmong =
        $"SELECT l.post_id FROM {database.IdList("@posts")} JOIN post_likes l ON l.post_id = ids.id AND l.user_id = @user";

    /// <inheritdoc />
    public async Task<bool> AddLikeAsync(string postId, string userId, CancellationToken cancellationToken) =>
        await ChangeRowsAsync(InsertLike, postId, userId, cancellationToken).ConfigureAwait(false) > 0;

    /// <inheritdoc />
    public async Task<bool> RemoveLikeAsync(string postId, string userId, CancellationToken cancellationToken) =>
        await ChangeRowsAsync(DeleteLike, postId, userId, cancellationToken).ConfigureAwait(false) > 0;

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<string>> GetLikersAsync(string postId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        return await database.QueryAsync(SelectLikers, statement => statement.Int64("@post", post), row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyCollection<string>> GetLikedAmongAsync(
        string userId, IReadOnlyList<string> postIds, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        ArgumentNullException.ThrowIfNull(postIds);
        var posts = postIds.Select(id => SocialValues.Id(id, nameof(postIds))).ToArray();
        if (posts.Length == 0)
        {
            return [];
        }

        return await database.QueryAsync(
            _likedAmong, statement => statement.Int64("@user", user).Ids("@posts", posts), row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task AddCommentAsync(CommentRecord comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var id = SocialValues.Id(comment.CommentId, "comment.CommentId");
        var post = SocialValues.Id(comment.PostId, "comment.PostId");
        var author = SocialValues.Id(comment.AuthorId, "comment.AuthorId");
        var handle = SocialValues.Text(comment.AuthorHandle, "comment.AuthorHandle");
        var text = SocialValues.Text(comment.Text, "comment.Text");
        return database.ExecuteAsync(
            InsertComment,
            statement => statement.Int64("@comment", id).Int64("@post", post).Int64("@author", author).Text("@handle", handle)
                .Text("@text", text).Time("@created", comment.CreatedAt),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CommentRecord>> GetCommentsAsync(
        string postId, int limit, string? afterCommentId, CancellationToken cancellationToken)
    {
        return await Comments.ListAsync(
            database,
            postId,
            limit,
            afterCommentId,
            row => new CommentRecord(row.Id(0), row.Id(1), row.Id(2), row.Text(3), row.Text(4), row.Time(5)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<long> CountCommentsAsync(string postId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        return database.QueryFirstAsync(CountComments, statement => statement.Int64("@post", post), row => row.Int64(0), 0L, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> RemoveCommentsAsync(string postId, string authorId, CancellationToken cancellationToken) =>
        ChangeRowsAsync(DeleteComments, postId, authorId, cancellationToken);

    /// <inheritdoc />
    public Task RemovePostAsync(string postId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                await database.Statement(connection, transaction, DeletePostLikes).Int64("@post", post).ExecuteAsync(token).ConfigureAwait(false);
                return await database.Statement(connection, transaction, DeletePostComments).Int64("@post", post).ExecuteAsync(token).ConfigureAwait(false);
            },
            cancellationToken,
            WritePriority.Bulk);
    }

    private Task<int> ChangeRowsAsync(string sql, string postId, string userId, CancellationToken cancellationToken)
    {
        var post = SocialValues.Id(postId, nameof(postId));
        var user = SocialValues.Id(userId, nameof(userId));
        return database.ExecuteAsync(sql, statement => statement.Int64("@post", post).Int64("@user", user), cancellationToken);
    }
}
