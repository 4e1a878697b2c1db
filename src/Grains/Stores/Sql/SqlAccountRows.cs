namespace Playbound.Grains.Stores.Sql;

/// <summary><see cref="IAccountRows"/> on the social tables; the finders read through the *_user / *_author / *_actor indexes.</summary>
internal sealed class SqlAccountRows(SocialDatabase database) : IAccountRows
{
    private const string LikedPosts = "SELECT post_id FROM post_likes WHERE user_id = @user LIMIT @limit";

    private const string RepostedPosts = "SELECT post_id FROM reposts WHERE user_id = @user LIMIT @limit";

    private const string CommentedPosts = "SELECT DISTINCT post_id FROM comments WHERE author_id = @user LIMIT @limit";

    private const string Relations =
        "SELECT owner_id, target_id, kind = 'block' FROM user_relations WHERE owner_id = @user" +
        " UNION ALL SELECT owner_id, target_id, kind = 'block' FROM user_relations WHERE target_id = @user LIMIT @limit";

    private const string Recipients = "SELECT DISTINCT user_id FROM notifications WHERE actor_id = @user";

    private const string DeleteByActor = "DELETE FROM notifications WHERE actor_id = @user";

    private const string DeleteNotifications = "DELETE FROM notifications WHERE user_id = @user";

    private const string DeleteCounters = "DELETE FROM user_counts WHERE user_id = @user";

    private static readonly string[] DeleteProfile = ["DELETE FROM user_names WHERE user_id = @user", "DELETE FROM users WHERE user_id = @user"];

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetLikedPostIdsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        await FindIdsAsync(LikedPosts, userId, limit, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetRepostedPostIdsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        await FindIdsAsync(RepostedPosts, userId, limit, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetCommentedPostIdsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        await FindIdsAsync(CommentedPosts, userId, limit, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RelationRow>> GetRelationsAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return await database.QueryAsync(
            Relations,
            statement => statement.Int64("@user", user).Int32("@limit", Limit(limit)),
            static row => new RelationRow(row.Id(0), row.Id(1), row.Flag(2) ? RelationKind.Block : RelationKind.Mute),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RemoveNotificationsByActorAsync(string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return await database.WriteAsync(
            async (connection, transaction, token) =>
            {
                var recipients = await database.Statement(connection, transaction, Recipients).Int64("@user", user)
                    .QueryAsync(static row => row.Id(0), token).ConfigureAwait(false);
                await database.Statement(connection, transaction, DeleteByActor).Int64("@user", user).ExecuteAsync(token).ConfigureAwait(false);
                return recipients;
            },
            cancellationToken,
            WritePriority.Bulk).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task RemoveNotificationsAsync(string userId, CancellationToken cancellationToken) =>
        ExecuteAsync([DeleteNotifications], userId, cancellationToken);

    /// <inheritdoc />
    public Task RemoveProfileAsync(string userId, CancellationToken cancellationToken) =>
        ExecuteAsync(DeleteProfile, userId, cancellationToken);

    /// <inheritdoc />
    public Task RemoveCountersAsync(string userId, CancellationToken cancellationToken) =>
        ExecuteAsync([DeleteCounters], userId, cancellationToken);

    private async Task<List<string>> FindIdsAsync(string sql, string userId, int limit, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return await database.QueryAsync(
            sql, statement => statement.Int64("@user", user).Int32("@limit", Limit(limit)), static row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="statements"/> for one user in one transaction.</summary>
    private Task ExecuteAsync(IReadOnlyList<string> statements, string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return database.ExecuteAllAsync(statements, statement => statement.Int64("@user", user), cancellationToken, WritePriority.Bulk);
    }

    private static int Limit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, SocialValues.MaxLimit);
        return limit;
    }
}
