namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// <see cref="IFollowGraph"/> on the follows table. A row per (follower, followee) pair ever followed keeps the
/// pair's latest version, so an unfollow leaves a row with <c>following</c> false that still outranks replays.
/// </summary>
internal sealed class SqlFollowGraph(SocialDatabase database) : IFollowGraph
{
    // The placeholder row (not following, lowest possible version) gives the next statement a row to lock even for a
    // pair never seen before; without it, two first follows of one pair could both read "no row" and both count.
    private const string EnsureRow =
        "INSERT INTO follows (follower_id, followee_id, following, version, followed_at) VALUES (@follower, @followee, FALSE, @none, @at)" +
        " ON CONFLICT (follower_id, followee_id) DO NOTHING";

    private const string SelectRow = "SELECT following, version FROM follows WHERE follower_id = @follower AND followee_id = @followee";

    // followed_at is the time of the latest follow: a re-follow moves the pair to the top of both lists.
    private const string UpdateRow =
        "UPDATE follows SET following = @following, version = @version, followed_at = CASE WHEN @moved THEN @at ELSE followed_at END" +
        " WHERE follower_id = @follower AND followee_id = @followee";

    private const string SelectFollowers = "SELECT followers FROM user_counts WHERE user_id = @user";

    private const string Celebrities =
        "SELECT f.followee_id FROM follows f JOIN user_counts c ON c.user_id = f.followee_id" +
        " WHERE f.follower_id = @user AND f.following AND c.followers >= @min ORDER BY f.followee_id";

    private const string FollowersAmong =
        " JOIN follows f ON f.follower_id = ids.id AND f.followee_id = @followee AND f.following";

    // Followees' followees, minus the user, whom the user already follows and anyone blocked either way, ranked by
    // how many followees lead to each; ties go to the newer account (ids are time-sortable).
    private const string Suggestions = """
        SELECT u.user_id, u.handle, u.display_name
        FROM follows mine
        JOIN follows theirs ON theirs.follower_id = mine.followee_id AND theirs.following
        JOIN users u ON u.user_id = theirs.followee_id
        WHERE mine.follower_id = @user AND mine.following AND theirs.followee_id <> @user
          AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = @user AND f.followee_id = theirs.followee_id AND f.following)
          AND NOT EXISTS (SELECT 1 FROM user_relations r WHERE r.kind = 'block'
                          AND ((r.owner_id = @user AND r.target_id = theirs.followee_id) OR (r.owner_id = theirs.followee_id AND r.target_id = @user)))
        GROUP BY u.user_id, u.handle, u.display_name
        ORDER BY COUNT(*) DESC, u.user_id DESC
        LIMIT @limit
        """;

    private static readonly PagedQuery Followers = SummaryList(self: "followee_id", other: "follower_id");
    private static readonly PagedQuery Following = SummaryList(self: "follower_id", other: "followee_id");

    // Ascending follower id never changes for a row, so a fan-out paging through it misses no follower that held
    // when it started, however the list changes meanwhile.
    private static readonly PagedQuery FollowerIds = new(
        "SELECT follower_id FROM follows WHERE followee_id = @owner AND following", "follower_id > @cursor", "ORDER BY follower_id");

    private readonly string _lockRow = SelectRow + database.ForUpdate;
    private readonly string _followersAmong = $"SELECT f.follower_id FROM {database.IdList("@candidates")}" + FollowersAmong;

    /// <inheritdoc />
    public Task<FollowChange> SetFollowAsync(
        string followerId, string followeeId, bool following, long version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var follower = SocialValues.Id(followerId, nameof(followerId));
        var followee = SocialValues.Id(followeeId, nameof(followeeId));
        if (follower == followee)
        {
            throw new ArgumentException("A user cannot follow themselves.", nameof(followeeId));
        }

        return database.WriteAsync(
            async (connection, transaction, token) =>
            {
                Statement Pair(string sql) =>
                    database.Statement(connection, transaction, sql).Int64("@follower", follower).Int64("@followee", followee);

                await Pair(EnsureRow).Int64("@none", long.MinValue).Time("@at", at).ExecuteAsync(token).ConfigureAwait(false);
                var (held, storedVersion) = await Pair(_lockRow)
                    .FirstAsync(row => (row.Flag(0), row.Int64(1)), (false, long.MinValue), token).ConfigureAwait(false);
                var newer = storedVersion < version;
                var changed = newer && held != following;
                if (newer)
                {
                    await Pair(UpdateRow).Flag("@following", following).Int64("@version", version)
                        .Flag("@moved", changed && following).Time("@at", at).ExecuteAsync(token).ConfigureAwait(false);
                }

                if (changed)
                {
                    var delta = following ? 1 : -1;
                    await CounterRows.AdjustAsync(
                        database, connection, transaction, token, new(followee, delta, 0, 0), new(follower, 0, delta, 0)).ConfigureAwait(false);
                }

                var followers = await database.Statement(connection, transaction, SelectFollowers).Int64("@user", followee)
                    .FirstAsync(row => row.Int64(0), 0L, token).ConfigureAwait(false);
                return new FollowChange(changed, followers);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> IsFollowingAsync(string followerId, string followeeId, CancellationToken cancellationToken)
    {
        var follower = SocialValues.Id(followerId, nameof(followerId));
        var followee = SocialValues.Id(followeeId, nameof(followeeId));
        return database.QueryFirstAsync(
            SelectRow, statement => statement.Int64("@follower", follower).Int64("@followee", followee), row => row.Flag(0), false,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<Page<UserSummary>> GetFollowersAsync(string userId, int limit, string? cursor, CancellationToken cancellationToken) =>
        GetSummariesAsync(Followers, userId, limit, cursor, cancellationToken);

    /// <inheritdoc />
    public Task<Page<UserSummary>> GetFollowingAsync(string userId, int limit, string? cursor, CancellationToken cancellationToken) =>
        GetSummariesAsync(Following, userId, limit, cursor, cancellationToken);

    /// <inheritdoc />
    public async Task<IdPage> GetFollowerIdsAsync(string userId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        SocialValues.Limit(limit);
        var after = SocialValues.OptionalId(cursor, nameof(cursor));
        var rows = await FollowerIds.QueryAsync(database, user, after, limit + 1, row => row.Id(0), cancellationToken).ConfigureAwait(false);
        var page = PagedQuery.Page(rows, limit, id => id, id => id);
        return new IdPage(page.Items, page.NextCursor);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetFolloweesWithFollowersAtLeastAsync(
        string userId, long minFollowers, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return await database.QueryAsync(
            Celebrities, statement => statement.Int64("@user", user).Int64("@min", minFollowers), row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FilterFollowersAsync(
        string followeeId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken)
    {
        var followee = SocialValues.Id(followeeId, nameof(followeeId));
        var candidates = candidateIds.Select(id => SocialValues.Id(id, nameof(candidateIds))).ToArray();
        if (candidates.Length == 0)
        {
            return [];
        }

        return await database.QueryAsync(
            _followersAmong, statement => statement.Int64("@followee", followee).Ids("@candidates", candidates), row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UserSummary>> GetSuggestionsAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        SocialValues.Limit(limit);
        return await database.QueryAsync(
            Suggestions, statement => statement.Int64("@user", user).Int32("@limit", limit), ReadSummary, cancellationToken)
            .ConfigureAwait(false);
    }

    private static PagedQuery SummaryList(string self, string other) => new(
        $"SELECT u.user_id, u.handle, u.display_name, f.followed_at FROM follows f JOIN users u ON u.user_id = f.{other}" +
        $" WHERE f.{self} = @owner AND f.following",
        $"(f.followed_at, f.{other}) < (@at, @cursor)",
        $"ORDER BY f.followed_at DESC, f.{other} DESC");

    private static UserSummary ReadSummary(Row row) => new(row.Id(0), row.Text(1), row.Text(2));

    private async Task<Page<UserSummary>> GetSummariesAsync(
        PagedQuery query, string userId, int limit, string? cursor, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        SocialValues.Limit(limit);
        FollowCursor? after = cursor is null ? null : FollowCursor.Parse(cursor, nameof(cursor));
        var rows = await query.QueryAsync(
            database,
            user,
            after?.UserId,
            limit + 1,
            row => (Summary: ReadSummary(row), Cursor: new FollowCursor(SocialValues.Micros(row.Time(3)), row.Int64(0))),
            cancellationToken,
            statement => statement.Time("@at", SocialValues.Time(after?.Micros ?? 0))).ConfigureAwait(false);
        return PagedQuery.Page(rows, limit, row => row.Summary, row => row.Cursor.ToString());
    }
}
