using Microsoft.Data.Sqlite;
using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Grains.Stores.Sqlite;

/// <summary>
/// The home feeds (<c>feed_entries</c>) in a file of their own, <c>{DataDirectory}/{FeedFileName}</c>, with the social
/// file attached as <c>social</c> for the statements that read follows, posts and reposts. Fan-out writes a B-tree page
/// per follower: in the social file, its commits, and the checkpoints that its log drove, stalled the one write lock
/// that a post's own row needs (POST p99 ~90 ms at 150 posts a second); here the feeds' lock and log are their own.
/// </summary>
public sealed class SqliteFeedDatabase : SqliteDatabase
{
    private const string SocialAlias = "social";

    private readonly SqliteSocialDatabase _social;

    /// <summary>Creates the database over <c>{DataDirectory}/{FeedFileName}</c>, beside <paramref name="social"/>; file and schema are created on first use.</summary>
    public SqliteFeedDatabase(SqliteSocialStoreOptions options, SqliteSocialDatabase social, DependencyCircuit circuit)
        : base(options, options?.FeedFileName!, (SocialAlias, options?.FileName!), circuit)
    {
        _social = social ?? throw new ArgumentNullException(nameof(social));
    }

    /// <inheritdoc />
    /// <remarks>
    /// A data directory from before this file kept the feeds in the social file: they move here in one transaction,
    /// then their old table is dropped in the social file's writer turn. Should the process die between the two, the
    /// next start copies again (inserts that skip rows present), so nothing is lost.
    /// </remarks>
    private protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await _social.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var moved = false;
        await InSchemaTransactionAsync(
            async (connection, token) =>
            {
                await ExecuteSchemaAsync(connection, SocialSchema.Feeds("INTEGER", " WITHOUT ROWID") + SocialSchema.AfterColumns, token)
                    .ConfigureAwait(false);
                moved = await MoveOldFeedsAsync(connection, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        if (moved)
        {
            await _social.ExecuteAsync("DROP TABLE IF EXISTS feed_entries", static _ => { }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> MoveOldFeedsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (!await HasColumnAsync(connection, SocialAlias, "feed_entries", "user_id", cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // Files from before reposts have no repost columns: their entries are all posts from their authors.
        var repostColumns = await HasColumnAsync(connection, SocialAlias, "feed_entries", "repost_of", cancellationToken).ConfigureAwait(false)
            ? "repost_of, reposter_id"
            : "NULL, NULL";
        await ExecuteSchemaAsync(
            connection,
            "INSERT INTO main.feed_entries (user_id, post_id, author_id, repost_of, reposter_id)" +
            $" SELECT user_id, post_id, author_id, {repostColumns} FROM {SocialAlias}.feed_entries WHERE TRUE ON CONFLICT DO NOTHING",
            cancellationToken).ConfigureAwait(false);
        return true;
    }
}
