namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// One database's full-text search over posts: the post_words table, which holds each post's words as
/// <see cref="Words.Of"/> found them (lower-cased, space-separated), and how a list of words is matched. Both
/// databases index exactly those words and match each query word as a literal, so a query never reaches the
/// database as syntax and both modes find the same posts.
/// </summary>
/// <param name="Schema">The DDL of post_words and its index; idempotent.</param>
/// <param name="Insert">Stores <c>@words</c> for <c>@post</c> unless the post has words already.</param>
/// <param name="Delete">Removes <c>@post</c>'s words.</param>
/// <param name="Find">Ids of the posts whose words match <c>@match</c>, newest first, keyset-paged by <c>@cursor</c>.</param>
/// <param name="Match">The <c>@match</c> value that requires every word given.</param>
/// <param name="Key">The column of post_words that holds the post id.</param>
internal sealed record TextSearch(
    string Schema, string Insert, string Delete, PagedQuery Find, Func<IReadOnlyList<string>, string> Match, string Key)
{
    /// <summary>SQLite: an FTS5 table whose rowid is the post id; words are tokens as stored, underscores included.</summary>
    public static TextSearch Fts5 { get; } = new(
        """
        CREATE VIRTUAL TABLE IF NOT EXISTS post_words USING fts5(words, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'");
        """,
        // An FTS5 table takes no ON CONFLICT; writes to the file are serialized, so the check cannot race.
        "INSERT INTO post_words (rowid, words) SELECT @post, @words WHERE NOT EXISTS (SELECT 1 FROM post_words WHERE rowid = @post)",
        "DELETE FROM post_words WHERE rowid = @post",
        new PagedQuery("SELECT rowid FROM post_words WHERE post_words MATCH @match", "rowid < @cursor", "ORDER BY rowid DESC"),
        static words => string.Join(' ', words.Select(static word => $"\"{word}\"")),
        "rowid");

    /// <summary>PostgreSQL: a tsvector of the stored words (no parser, no stemming) under a GIN index.</summary>
    public static TextSearch TsVector { get; } = new(
        """
        CREATE TABLE IF NOT EXISTS post_words (post_id BIGINT PRIMARY KEY, words TSVECTOR NOT NULL);
        CREATE INDEX IF NOT EXISTS post_words_match ON post_words USING GIN (words);
        """,
        "INSERT INTO post_words (post_id, words) VALUES (@post, array_to_tsvector(string_to_array(@words, ' '))) ON CONFLICT (post_id) DO NOTHING",
        "DELETE FROM post_words WHERE post_id = @post",
        new PagedQuery("SELECT post_id FROM post_words WHERE words @@ CAST(@match AS TSQUERY)", "post_id < @cursor", "ORDER BY post_id DESC"),
        static words => string.Join(" & ", words.Select(static word => $"'{word}'")),
        "post_id");

    /// <summary>The <c>@words</c> value of a post's text.</summary>
    public static string Stored(string text) => string.Join(' ', Words.Of(text));
}
