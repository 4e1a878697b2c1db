using System.Text;

namespace Playbound.Grains.Stores.Sql;

/// <summary><see cref="ISearchIndex"/> on post_tags, post_words (<see cref="TextSearch"/>) and user_names.</summary>
internal sealed class SqlSearchIndex(SocialDatabase database) : ISearchIndex
{
    private static readonly PagedQuery Tagged = new("SELECT post_id FROM post_tags WHERE tag = @tag", "post_id < @cursor", "ORDER BY post_id DESC");

    // user_names holds a row per handle, display name and display-name word; a user's best row ranks them. The range
    // [@prefix, @above) over the code-point-ordered primary key is exactly the names starting with the prefix.
    private const string MatchesSelect =
        "SELECT u.user_id, u.handle, u.display_name, m.rank FROM" +
        " (SELECT user_id, CAST(MIN(CASE WHEN is_handle AND name = @prefix THEN 0 WHEN is_handle THEN 1 ELSE 2 END) AS BIGINT) AS rank" +
        "  FROM user_names WHERE name >= @prefix AND name < @above GROUP BY user_id) m" +
        " JOIN users u ON u.user_id = m.user_id";

    private const string MatchesOrder = " ORDER BY m.rank, u.handle LIMIT @limit";

    private const string FirstMatches = MatchesSelect + MatchesOrder;

    private const string NextMatches =
        MatchesSelect + " WHERE m.rank > @rank OR (m.rank = @rank AND u.handle > @handle)" + MatchesOrder;

    private readonly string _unsearched =
        "SELECT p.post_id, p.text FROM posts p WHERE p.post_id > @after" +
        $" AND NOT EXISTS (SELECT 1 FROM post_words w WHERE w.{database.Search.Key} = p.post_id) ORDER BY p.post_id LIMIT @limit";

    /// <inheritdoc />
    public async Task<(string LastPostId, int Count)?> IndexUnsearchedAsync(string? afterPostId, int limit, CancellationToken cancellationToken)
    {
        var after = SocialValues.OptionalId(afterPostId, nameof(afterPostId)) ?? 0;
        SocialValues.Limit(limit);
        var posts = await database.QueryAsync(
            _unsearched, statement => statement.Int64("@after", after).Int32("@limit", limit), static row => (Id: row.Int64(0), Text: row.Text(1)),
            cancellationToken).ConfigureAwait(false);
        if (posts.Count == 0)
        {
            return null;
        }

        await database.WriteAsync(
            async (connection, transaction, token) =>
            {
                foreach (var (id, text) in posts)
                {
                    await PostSearchRows.AddAsync(database, connection, transaction, id, text, Hashtags.Parse(text), token).ConfigureAwait(false);
                }

                return posts.Count;
            },
            cancellationToken,
            WritePriority.Bulk).ConfigureAwait(false);
        return (SocialValues.IdText(posts[^1].Id), posts.Count);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetTaggedAsync(string tag, int limit, string? beforePostId, CancellationToken cancellationToken)
    {
        var text = SocialValues.Text(tag, nameof(tag));
        SocialValues.Limit(limit);
        var cursor = SocialValues.OptionalId(beforePostId, nameof(beforePostId));
        return await Tagged.QueryAsync(database, cursor, limit, statement => statement.Text("@tag", text), static row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindPostsAsync(
        IReadOnlyList<string> words, int limit, string? beforePostId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(words);
        SocialValues.Limit(limit);
        var cursor = SocialValues.OptionalId(beforePostId, nameof(beforePostId));
        if (words.Count == 0)
        {
            return [];
        }

        foreach (var word in words)
        {
            if (Words.Of(word) is not [var only] || only != word)
            {
                throw new ArgumentException($"'{word}' is not a lower-cased word.", nameof(words));
            }
        }

        var match = database.Search.Match(words);
        return await database.Search.Find.QueryAsync(
            database, cursor, limit, statement => statement.Text("@match", match), static row => row.Id(0), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UserMatch>> FindUsersAsync(string prefix, int limit, UserMatch? after, CancellationToken cancellationToken)
    {
        var start = SocialValues.Text(prefix, nameof(prefix));
        SocialValues.Limit(limit);
        if (start.Length == 0 || Above(start) is not { } above)
        {
            return [];
        }

        return await database.QueryAsync(
            after is null ? FirstMatches : NextMatches,
            statement =>
            {
                statement.Text("@prefix", start).Text("@above", above).Int32("@limit", limit);
                if (after is not null)
                {
                    statement.Int32("@rank", after.Rank).Text("@handle", after.Handle);
                }
            },
            static row => new UserMatch((int)row.Int64(3), row.Text(1), row.Id(0), row.Text(2)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The smallest text above every text that starts with <paramref name="prefix"/>: the prefix with its last code
    /// point raised by one (past the surrogate range), or null when that is already the last code point.
    /// </summary>
    private static string? Above(string prefix)
    {
        var last = Rune.GetRuneAt(prefix, prefix.Length - (char.IsLowSurrogate(prefix[^1]) && prefix.Length > 1 ? 2 : 1));
        var next = last.Value switch
        {
            0x10FFFF => -1,
            0xD7FF => 0xE000,
            _ => last.Value + 1,
        };

        return next < 0 ? null : string.Concat(prefix.AsSpan(0, prefix.Length - last.Utf16SequenceLength), new Rune(next).ToString());
    }
}
