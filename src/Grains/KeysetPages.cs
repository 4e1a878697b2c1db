using Playbound.Grains.Ids;

namespace Playbound.Grains;

/// <summary>Pages a store list ordered by id: the cursor is the last id of the previous page.</summary>
internal static class KeysetPages
{
    /// <summary>
    /// Reads up to <paramref name="limit"/> items after <paramref name="cursor"/> with <paramref name="read"/> (given a
    /// count and the cursor); asks for one more to know whether a next page exists, so the last page has no cursor.
    /// </summary>
    /// <exception cref="ArgumentException">The limit is below 1 or the cursor is not an id.</exception>
    public static async Task<Page<T>> ReadAsync<T>(
        int limit, string? cursor, Func<int, string?, Task<IReadOnlyList<T>>> read, Func<T, string> idOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        SnowflakeId.ParseCursor(cursor);
        var rows = await read(limit + 1, cursor);
        return rows.Count > limit
            ? new Page<T>([.. rows.Take(limit)], idOf(rows[limit - 1]))
            : new Page<T>(rows, null);
    }
}
