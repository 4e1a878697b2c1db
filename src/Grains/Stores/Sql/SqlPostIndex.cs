namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// <see cref="IPostIndex"/> on the posts table, keeping user_counts.posts, the post's tags (post_tags) and its words
/// (post_words, <see cref="TextSearch"/>) in the same transaction, so tag pages and search never show a post the
/// index no longer holds.
/// </summary>
internal sealed class SqlPostIndex(SocialDatabase database) : IPostIndex
{
    private const string Columns = "post_id, author_id, author_handle, text, reply_to, created_at";

    private const string Insert =
        $"INSERT INTO posts ({Columns}) VALUES (@post, @author, @handle, @text, @reply, @created) ON CONFLICT (post_id) DO NOTHING";

    private const string Delete = "DELETE FROM posts WHERE post_id = @post RETURNING author_id, text";

    private const string Select = $"SELECT {Columns} FROM posts WHERE post_id = @post";

    // posts_author answers each followee's newest posts in order; the database merges them.
    private const string Timeline =
        "SELECT post_id, author_id FROM posts WHERE author_id = @user" +
        " OR author_id IN (SELECT followee_id FROM follows WHERE follower_id = @user AND following)" +
        " ORDER BY post_id DESC LIMIT @limit";

    private static readonly PagedQuery ByAuthor = new(
        $"SELECT {Columns} FROM posts WHERE author_id = @owner", "post_id < @cursor", "ORDER BY post_id DESC");

    /// <inheritdoc />
    public Task AddAsync(PostRecord post, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var id = SocialValues.Id(post.PostId, "post.PostId");
        var author = SocialValues.Id(post.AuthorId, "post.AuthorId");
        var handle = SocialValues.Text(post.AuthorHandle, "post.AuthorHandle");
        var text = SocialValues.Text(post.Text, "post.Text");
        var replyTo = SocialValues.OptionalId(post.ReplyTo, "post.ReplyTo");
        ArgumentNullException.ThrowIfNull(tags);
        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                var inserted = await database.Statement(connection, transaction, Insert)
                    .Int64("@post", id).Int64("@author", author).Text("@handle", handle).Text("@text", text)
                    .Int64("@reply", replyTo).Time("@created", post.CreatedAt)
                    .ExecuteAsync(token).ConfigureAwait(false);
                if (inserted > 0)
                {
                    await CounterRows.AdjustAsync(database, connection, transaction, token, new CountDelta(author, 0, 0, 1))
                        .ConfigureAwait(false);
                    await PostSearchRows.AddAsync(database, connection, transaction, id, text, tags, token).ConfigureAwait(false);
                }

                return inserted;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string postId, CancellationToken cancellationToken)
    {
        var id = SocialValues.Id(postId, nameof(postId));
        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                var deleted = await database.Statement(connection, transaction, Delete).Int64("@post", id)
                    .FirstAsync<(long Author, string Text)?>(row => (row.Int64(0), row.Text(1)), null, token).ConfigureAwait(false);
                if (deleted is not { } row)
                {
                    return false;
                }

                await CounterRows.AdjustAsync(database, connection, transaction, token, new CountDelta(row.Author, 0, 0, -1))
                    .ConfigureAwait(false);
                await PostSearchRows.RemoveAsync(database, connection, transaction, id, row.Text, token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<PostRecord?> GetAsync(string postId, CancellationToken cancellationToken)
    {
        var id = SocialValues.Id(postId, nameof(postId));
        return database.QueryFirstAsync<PostRecord?>(Select, statement => statement.Int64("@post", id), Read, null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PostRecord>> GetByAuthorAsync(
        string authorId, int limit, string? beforePostId, CancellationToken cancellationToken)
    {
        return await ByAuthor.ListAsync(database, authorId, limit, beforePostId, Read, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> GetTimelineAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        SocialValues.Limit(limit);
        return await database.QueryAsync(
            Timeline, statement => statement.Int64("@user", user).Int32("@limit", limit), row => new FeedEntry(row.Id(0), row.Id(1)), cancellationToken)
            .ConfigureAwait(false);
    }

    private static PostRecord Read(Row row) =>
        new(row.Id(0), row.Id(1), row.Text(2), row.Text(3), row.OptionalId(4), row.Time(5));
}
