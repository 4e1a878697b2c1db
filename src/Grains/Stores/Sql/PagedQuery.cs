using System.Runtime.CompilerServices;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// A keyset-paged query: the same SELECT with and without the "after the cursor" condition, each with its fixed
/// ORDER BY and <c>LIMIT @limit</c>. Both texts are built once, so prepared plans are reused; there is no OFFSET, so
/// rows inserted while a client pages never shift the rows still to come. Parameters: <c>@owner</c> (whose list),
/// <c>@cursor</c> (the id part of the position) and <c>@limit</c>.
/// </summary>
internal sealed class PagedQuery
{
    private readonly string _first;
    private readonly string _next;

    /// <param name="select">SELECT ... FROM ... WHERE with the list's own conditions.</param>
    /// <param name="afterCursor">The condition that keeps rows after the cursor.</param>
    /// <param name="orderBy">The ORDER BY clause, matching <paramref name="afterCursor"/>.</param>
    public PagedQuery(string select, string afterCursor, string orderBy)
    {
        _first = $"{select} {orderBy} LIMIT @limit";
        _next = $"{select} AND {afterCursor} {orderBy} LIMIT @limit";
    }

    /// <summary>
    /// Runs the query for <paramref name="owner"/>'s list, after <paramref name="cursor"/> when given; <paramref name="bind"/>
    /// binds further parameters, e.g. the rest of a composite position.
    /// </summary>
    public Task<List<T>> QueryAsync<T>(
        SocialDatabase database, long owner, long? cursor, int limit, Func<Row, T> map, CancellationToken cancellationToken,
        Action<Statement>? bind = null) =>
        database.QueryAsync(
            cursor is null ? _first : _next,
            statement =>
            {
                statement.Int64("@owner", owner).Int64("@cursor", cursor).Int32("@limit", limit);
                bind?.Invoke(statement);
            },
            map,
            cancellationToken);

    /// <summary>Runs the query after <paramref name="cursor"/> when given; <paramref name="bind"/> binds the list's own parameters.</summary>
    public Task<List<T>> QueryAsync<T>(
        SocialDatabase database, long? cursor, int limit, Action<Statement> bind, Func<Row, T> map, CancellationToken cancellationToken) =>
        database.QueryAsync(
            cursor is null ? _first : _next,
            statement =>
            {
                statement.Int64("@cursor", cursor).Int32("@limit", limit);
                bind(statement);
            },
            map,
            cancellationToken);

    /// <summary>
    /// Checks the edge values (owner id, limit, optional id cursor) and returns at most <paramref name="limit"/> rows
    /// of the owner's list after the cursor; a bad value is an <see cref="ArgumentException"/> named as the caller's.
    /// </summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(
        SocialDatabase database, string ownerId, int limit, string? cursorId, Func<Row, T> map, CancellationToken cancellationToken,
        [CallerArgumentExpression(nameof(ownerId))] string ownerName = "",
        [CallerArgumentExpression(nameof(cursorId))] string cursorName = "")
    {
        var owner = SocialValues.Id(ownerId, ownerName);
        SocialValues.Limit(limit);
        var cursor = SocialValues.OptionalId(cursorId, cursorName);
        return await QueryAsync(database, owner, cursor, limit, map, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Turns the rows of a query run with <c>@limit</c> = <paramref name="limit"/> + 1 into a page: the extra row
    /// only says that there is more, and the cursor is the position of the last row kept.
    /// </summary>
    public static (List<TRow> Rows, TRow? Last, bool More) Trim<TRow>(List<TRow> rows, int limit)
    {
        var more = rows.Count > limit;
        if (more)
        {
            rows.RemoveRange(limit, rows.Count - limit);
        }

        return (rows, rows.Count > 0 ? rows[^1] : default, more);
    }

    /// <summary>Builds a page from rows fetched with one extra row (see <see cref="Trim{TRow}"/>).</summary>
    public static Page<TItem> Page<TRow, TItem>(List<TRow> rows, int limit, Func<TRow, TItem> item, Func<TRow, string> cursor)
    {
        var (kept, last, more) = Trim(rows, limit);
        return new Page<TItem>(kept.ConvertAll(row => item(row)), more ? cursor(last!) : null);
    }

    /// <summary>
    /// A page of users from a query whose columns are (position, user_id, handle, display_name), ordered by the
    /// position, which is also the cursor: blocks, mutes, reposters. <paramref name="bind"/> binds further parameters.
    /// </summary>
    public async Task<Page<UserSummary>> UserPageAsync(
        SocialDatabase database, string ownerId, int limit, string? cursorId, CancellationToken cancellationToken, Action<Statement>? bind = null,
        [CallerArgumentExpression(nameof(ownerId))] string ownerName = "",
        [CallerArgumentExpression(nameof(cursorId))] string cursorName = "")
    {
        var owner = SocialValues.Id(ownerId, ownerName);
        SocialValues.Limit(limit);
        var after = SocialValues.OptionalId(cursorId, cursorName);
        var rows = await QueryAsync(
            database, owner, after, limit + 1,
            static row => (Position: row.Int64(0), User: new UserSummary(row.Id(1), row.Text(2), row.Text(3))),
            cancellationToken,
            bind).ConfigureAwait(false);
        return Page(rows, limit, static r => r.User, static r => SocialValues.IdText(r.Position));
    }
}
