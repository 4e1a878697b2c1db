namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// One database's full-text search over posts: the post_words table, which holds each post's words as
/// <see cref="Words.Of"/> found them (lower-cased, space-separated), and how a list of words is matched. Both
/// databases index exactly those words and match each query word as a literal, so a query never reaches the
/// database as syntax and both modes find the same posts.
/// </summary>
/// <param name="Schema">The DDL of post_words and its index; idempotent.</param>
/// <param name="Insert">Stores <c>@words</c> for <c>@post</c>.</param>
/// <param name="Delete">Removes <c>@post</c>'s words.</param>
/// <param name="Find">Ids of the posts whose words match <c>@match</c>, newest first, keyset-paged by <c>@cursor</c>.</param>
/// <param name="Match">The <c>@match</c> value that requires every word given.</param>
internal sealed record TextSearch(string Schema, string Insert, string Delete, PagedQuery Find, Func<IReadOnlyList<string>, string> Match)
{
    /// <summary>SQLite: an FTS5 table whose rowid is the post id; words are tokens as stored, underscores included.</summary>
    public static TextSearch Fts5 { get; } = new(
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS post_words USING fts5(words, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");
        """,
        "INSERT INTO post_words (rowid, words) VALUES (@post, @words)",
        "DELETE FROM post_words WHERE rowid = @post",
        new PagedQuery("SELECT rowid FROM post_words WHERE post_words MATCH @match", "rowid < @cursor", "ORDER BY rowid DESC"),
        static words => string.Join(' ', words.Select(static word => $"\"{word}\"")));

    /// <summary>PostgreSQL: a tsvector of the stored words (no parser, no stemming) under a GIN index.</summary>
    public static TextSearch TsVector { get; } = new(
        """
        CREATE TABLE IF NOT EXISTS post_words (post_id BIGINT PRIMARY KEY, words TSVECTOR NOT NULL);
        CREATE INDEX IF NOT EXISTS post_words_match ON post_words USING GIN (words);
        """,
        "INSERT INTO post_words (post_id, words) VALUES (@post, array_to_tsvector(string_to_array(@words, ' ')))",
        "DELETE FROM post_words WHERE post_id = @post",
        new PagedQuery("SELECT post_id FROM post_words WHERE words @@ CAST(@match AS TSQUERY)", "post_id < @cursor", "ORDER BY post_id DESC"),
        static words => string.Join(" & ", words.Select(static word => $"'{word}'")));

    /// <summary>The <c>@words</c> value of a post's text.</summary>
    public static string Stored(string text) => string.Join(' ', Words.Of(text));
}
