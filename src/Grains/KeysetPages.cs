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

    /// <summary>
    /// Fills a page from a keyset-ordered source some of whose rows are left out (deleted since they were indexed,
    /// hidden from the viewer): reads one more row than still needed, keeps what <paramref name="keep"/> makes of the
    /// rows, and goes on after the last row read until the page is full or the source ends. The cursor is the last row
    /// read, so rows left out are never read again and rows added meanwhile never shift a page.
    /// </summary>
    public static async Task<Page<TItem>> FillAsync<TRow, TItem>(
        int limit,
        TRow? after,
        Func<int, TRow?, Task<IReadOnlyList<TRow>>> read,
        Func<TRow[], Task<IEnumerable<TItem>>> keep,
        Func<TRow, string> cursorOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var items = new List<TItem>(limit);
        while (true)
        {
            var need = limit - items.Count;
            var rows = await read(need + 1, after);
            var batch = rows.Take(need).ToArray();
            items.AddRange(await keep(batch));
            if (rows.Count <= need)
            {
                return new Page<TItem>(items, null);
            }

            after = batch[^1];
            if (items.Count == limit)
            {
                return new Page<TItem>(items, cursorOf(batch[^1]));
            }
        }
    }
}
