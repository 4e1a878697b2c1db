namespace Playbound.Grains.Stores.Sql;

/// <summary><see cref="IRelationStore"/> on the user_relations table (kind 'block' or 'mute').</summary>
internal sealed class SqlRelationStore(SocialDatabase database) : IRelationStore
{
    private const string Insert =
        "INSERT INTO user_relations (owner_id, kind, target_id, seq) VALUES (@owner, @kind, @target, @seq)" +
        " ON CONFLICT (owner_id, kind, target_id) DO NOTHING";

    private const string Delete = "DELETE FROM user_relations WHERE owner_id = @owner AND kind = @kind AND target_id = @target";

    private const string Sets =
        "SELECT kind, target_id, TRUE FROM user_relations WHERE owner_id = @user" +
        " UNION ALL SELECT kind, owner_id, FALSE FROM user_relations WHERE target_id = @user AND kind = 'block'";

    private const string EitherWay =
        "SELECT COUNT(*) FROM user_relations WHERE kind = 'block'" +
        " AND ((owner_id = @a AND target_id = @b) OR (owner_id = @b AND target_id = @a))";

    private static readonly PagedQuery Listed = new(
        "SELECT r.seq, u.user_id, u.handle, u.display_name FROM user_relations r JOIN users u ON u.user_id = r.target_id" +
        " WHERE r.owner_id = @owner AND r.kind = @kind",
        "r.seq < @cursor",
        "ORDER BY r.seq DESC");

    private readonly string _hiding =
        $"SELECT r.owner_id FROM {database.IdList("@users")} JOIN user_relations r ON r.owner_id = ids.id AND r.target_id = @author";

    /// <inheritdoc />
    public Task<bool> SetAsync(RelationKind kind, string ownerId, string targetId, bool on, long position, CancellationToken cancellationToken)
    {
        var owner = SocialValues.Id(ownerId, nameof(ownerId));
        var target = SocialValues.Id(targetId, nameof(targetId));
        return database.WriteAsync(
            async (connection, transaction, token) => await database.Statement(connection, transaction, on ? Insert : Delete)
                .Int64("@owner", owner).Text("@kind", Name(kind)).Int64("@target", target).Int64("@seq", position)
                .ExecuteAsync(token).ConfigureAwait(false) > 0,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RelationSets> GetSetsAsync(string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        var rows = await database.QueryAsync(
            Sets, statement => statement.Int64("@user", user), static row => (Kind: row.Text(0), Other: row.Id(1), Mine: row.Flag(2)), cancellationToken)
            .ConfigureAwait(false);
        return new RelationSets(
            [.. rows.Where(static r => r.Mine && r.Kind == "block").Select(static r => r.Other)],
            [.. rows.Where(static r => !r.Mine).Select(static r => r.Other)],
            [.. rows.Where(static r => r.Mine && r.Kind == "mute").Select(static r => r.Other)]);
    }

    /// <inheritdoc />
    public async Task<bool> IsBlockedEitherWayAsync(string userId, string otherId, CancellationToken cancellationToken)
    {
        var a = SocialValues.Id(userId, nameof(userId));
        var b = SocialValues.Id(otherId, nameof(otherId));
        return await database.QueryFirstAsync(EitherWay, statement => statement.Int64("@a", a).Int64("@b", b), static row => row.Int64(0), 0L, cancellationToken)
            .ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FilterHidingAsync(string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var author = SocialValues.Id(authorId, nameof(authorId));
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return [];
        }

        long[] users = [.. userIds.Select(id => SocialValues.Id(id, nameof(userIds)))];
        var rows = await database.QueryAsync(
            _hiding, statement => statement.Int64("@author", author).Ids("@users", users), static row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
        return [.. rows.Distinct(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public Task<Page<UserSummary>> ListAsync(RelationKind kind, string ownerId, int limit, string? cursor, CancellationToken cancellationToken) =>
        Listed.UserPageAsync(database, ownerId, limit, cursor, cancellationToken, statement => statement.Text("@kind", Name(kind)));

    private static string Name(RelationKind kind) => kind switch
    {
        RelationKind.Block => "block",
        RelationKind.Mute => "mute",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown relation."),
    };
}
