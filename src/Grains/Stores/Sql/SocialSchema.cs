namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// The social tables, written once for both databases: a dialect only names its integer, time and boolean column
/// types. Ids are 64-bit integers (time-sortable, so ordering by id is ordering by time); every list is read through
/// an index whose order is the list's order, so keyset paging never sorts. feed_entries, the table fan-out writes most,
/// has its primary key only: each secondary index cost another random B-tree insert per feed row (earlier versions
/// had two, dropped here). A repost's entry is a feed_entries row too, keyed by the repost's id (its position) with the
/// post in repost_of; only those rows are in the partial index that keeps a post once per feed (<see cref="AfterColumns"/>).
/// </summary>
internal static class SocialSchema
{
    /// <summary>Columns added after tables were first created, for databases made before them: (table, column).</summary>
    public static readonly IReadOnlyList<(string Table, string Column)> AddedIdColumns = [("feed_entries", "repost_of"), ("feed_entries", "reposter_id")];

    /// <summary>The DDL that needs <see cref="AddedIdColumns"/>: run once they exist.</summary>
    public const string AfterColumns =
        "CREATE UNIQUE INDEX IF NOT EXISTS feed_entries_repost ON feed_entries (user_id, repost_of) WHERE repost_of IS NOT NULL;";

    /// <summary>
    /// The home feeds' table, idempotent: in the same database as the rest (PostgreSQL), or in a file of its own
    /// (SQLite, <c>feeds.db</c>), so that fan-out's stream of writes never holds the lock the requests' writes need.
    /// </summary>
    /// <param name="id">The 64-bit integer type.</param>
    /// <param name="clustered">Appended to tables whose composite primary key should be their only storage.</param>
    public static string Feeds(string id, string clustered) => $"""
        CREATE TABLE IF NOT EXISTS feed_entries (
            user_id {id} NOT NULL,
            post_id {id} NOT NULL,
            author_id {id} NOT NULL,
            repost_of {id},
            reposter_id {id},
            PRIMARY KEY (user_id, post_id)){clustered};
        """;

    /// <summary>The DDL of every table but the feeds' (<see cref="Feeds"/>), idempotent (IF NOT EXISTS everywhere).</summary>
    /// <param name="id">The 64-bit integer type (SQLite: INTEGER, so single-column keys alias the rowid).</param>
    /// <param name="time">The time type (SQLite: INTEGER microseconds since the Unix epoch).</param>
    /// <param name="flag">The boolean type.</param>
    /// <param name="binaryText">Text compared by code point, so a range scan from a prefix finds exactly the values starting with it.</param>
    /// <param name="clustered">Appended to tables whose composite primary key should be their only storage.</param>
    public static string Create(string id, string time, string flag, string binaryText, string clustered) => $"""
        CREATE TABLE IF NOT EXISTS users (
            user_id {id} PRIMARY KEY,
            handle TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            bio TEXT NOT NULL,
            created_at {time} NOT NULL);

        CREATE TABLE IF NOT EXISTS user_names (
            name {binaryText} NOT NULL,
            user_id {id} NOT NULL,
            is_handle {flag} NOT NULL,
            PRIMARY KEY (name, user_id, is_handle)){clustered};
        CREATE INDEX IF NOT EXISTS user_names_user ON user_names (user_id);

        CREATE TABLE IF NOT EXISTS user_counts (
            user_id {id} PRIMARY KEY,
            followers {id} NOT NULL,
            following {id} NOT NULL,
            posts {id} NOT NULL);

        CREATE TABLE IF NOT EXISTS follows (
            follower_id {id} NOT NULL,
            followee_id {id} NOT NULL,
            following {flag} NOT NULL,
            version {id} NOT NULL,
            followed_at {time} NOT NULL,
            PRIMARY KEY (follower_id, followee_id)){clustered};
        CREATE INDEX IF NOT EXISTS follows_followers ON follows (followee_id, followed_at, follower_id) WHERE following;
        CREATE INDEX IF NOT EXISTS follows_following ON follows (follower_id, followed_at, followee_id) WHERE following;
        CREATE INDEX IF NOT EXISTS follows_fanout ON follows (followee_id, follower_id) WHERE following;

        CREATE TABLE IF NOT EXISTS user_relations (
            owner_id {id} NOT NULL,
            kind TEXT NOT NULL,
            target_id {id} NOT NULL,
            seq {id} NOT NULL,
            PRIMARY KEY (owner_id, kind, target_id)){clustered};
        CREATE INDEX IF NOT EXISTS user_relations_list ON user_relations (owner_id, kind, seq);
        CREATE INDEX IF NOT EXISTS user_relations_target ON user_relations (target_id, owner_id);

        CREATE TABLE IF NOT EXISTS posts (
            post_id {id} PRIMARY KEY,
            author_id {id} NOT NULL,
            author_handle TEXT NOT NULL,
            text TEXT NOT NULL,
            reply_to {id},
            created_at {time} NOT NULL);
        CREATE INDEX IF NOT EXISTS posts_author ON posts (author_id, post_id);

        CREATE TABLE IF NOT EXISTS post_tags (
            tag TEXT NOT NULL,
            post_id {id} NOT NULL,
            PRIMARY KEY (tag, post_id)){clustered};

        DROP TABLE IF EXISTS feed_reposts;
        DROP INDEX IF EXISTS feed_entries_post;
        DROP INDEX IF EXISTS feed_entries_author;

        CREATE TABLE IF NOT EXISTS post_likes (
            post_id {id} NOT NULL,
            user_id {id} NOT NULL,
            PRIMARY KEY (post_id, user_id)){clustered};
        CREATE INDEX IF NOT EXISTS post_likes_user ON post_likes (user_id, post_id);

        CREATE TABLE IF NOT EXISTS reposts (
            repost_id {id} PRIMARY KEY,
            post_id {id} NOT NULL,
            author_id {id} NOT NULL,
            user_id {id} NOT NULL,
            reposted_at {time} NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS reposts_post ON reposts (post_id, user_id);
        CREATE INDEX IF NOT EXISTS reposts_post_newest ON reposts (post_id, repost_id);
        CREATE INDEX IF NOT EXISTS reposts_user ON reposts (user_id, repost_id);

        CREATE TABLE IF NOT EXISTS comments (
            comment_id {id} PRIMARY KEY,
            post_id {id} NOT NULL,
            author_id {id} NOT NULL,
            author_handle TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at {time} NOT NULL);
        CREATE INDEX IF NOT EXISTS comments_post ON comments (post_id, comment_id);
        CREATE INDEX IF NOT EXISTS comments_author ON comments (author_id, post_id);

        CREATE TABLE IF NOT EXISTS notifications (
            notification_id {id} PRIMARY KEY,
            user_id {id} NOT NULL,
            type TEXT NOT NULL,
            actor_id {id} NOT NULL,
            actor_handle TEXT NOT NULL,
            post_id {id},
            created_at {time} NOT NULL,
            is_read {flag} NOT NULL);
        CREATE INDEX IF NOT EXISTS notifications_user ON notifications (user_id, notification_id);
        CREATE INDEX IF NOT EXISTS notifications_unread ON notifications (user_id) WHERE NOT is_read;
        CREATE INDEX IF NOT EXISTS notifications_actor ON notifications (actor_id);
        """;
}
