using System.Data.Common;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// A post's rows for tag pages and search (post_tags, post_words), written and removed inside the caller's
/// transaction: by the post index with the post row, and by <see cref="SqlSearchIndex.IndexUnsearchedAsync"/> for posts
/// written before search existed. Both writes are idempotent.
/// </summary>
internal static class PostSearchRows
{
    private const string InsertTag = "INSERT INTO post_tags (tag, post_id) VALUES (@tag, @post) ON CONFLICT (tag, post_id) DO NOTHING";

    // By the tags of the removed text: post_tags is keyed by tag first (tag pages), with no index by post.
    private const string DeleteTag = "DELETE FROM post_tags WHERE tag = @tag AND post_id = @post";

    /// <summary>Indexes post <paramref name="postId"/> under <paramref name="tags"/> and the words of <paramref name="text"/>.</summary>
    public static async Task AddAsync(
        SocialDatabase database, DbConnection connection, DbTransaction transaction, long postId, string text, IReadOnlyList<string> tags,
        CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            await database.Statement(connection, transaction, InsertTag).Text("@tag", tag).Int64("@post", postId)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        await database.Statement(connection, transaction, database.Search.Insert)
            .Int64("@post", postId).Text("@words", TextSearch.Stored(text)).ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes what <see cref="AddAsync"/> wrote for a post whose text was <paramref name="text"/>.</summary>
    public static async Task RemoveAsync(
        SocialDatabase database, DbConnection connection, DbTransaction transaction, long postId, string text, CancellationToken cancellationToken)
    {
        foreach (var tag in Hashtags.Parse(text))
        {
            await database.Statement(connection, transaction, DeleteTag).Text("@tag", tag).Int64("@post", postId)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
        }

        await database.Statement(connection, transaction, database.Search.Delete).Int64("@post", postId)
            .ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }
}
