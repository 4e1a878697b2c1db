namespace Playbound.Runtime.Storage;

/// <summary>The SQL of <see cref="SqliteGrainStorage"/>. Every value travels as a named parameter.</summary>
internal static class SqliteSql
{
    /// <summary>The row key condition ($type, $key, $name).</summary>
    public const string Key = "grain_type = $type AND grain_key = $key AND state_name = $name";

    /// <summary>Inserts a row that must not exist; ON CONFLICT DO NOTHING makes a conflict "0 rows", not an error.</summary>
    public const string Insert =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) " +
        "VALUES ($type, $key, $name, $payload, $version, $now) " +
        "ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING";

    /// <summary>Updates a row at its expected version.</summary>
    public const string Update =
        "UPDATE grain_state SET payload = $payload, version = $version, updated_at = $now WHERE " + Key + " AND version = $expected";

    /// <summary>Deletes a row at its expected version.</summary>
    public const string Delete = "DELETE FROM grain_state WHERE " + Key + " AND version = $expected";

    /// <summary>Reads a row's payload and version.</summary>
    public const string SelectRecord = "SELECT payload, version FROM grain_state WHERE " + Key;

    /// <summary>Reads a row's version.</summary>
    public const string SelectVersion = "SELECT version FROM grain_state WHERE " + Key;

    /// <summary>Reserves $block versions and returns the highest one reserved.</summary>
    public const string ReserveVersions =
        "UPDATE storage_counter SET value = value + $block WHERE name = 'grain_state_version' RETURNING value";

    /// <summary>Appends one event.</summary>
    public const string InsertOutbox =
        "INSERT INTO outbox (namespace, key, event_id, payload, created_at) VALUES ($ns, $key, $id, $payload, $created)";

    /// <summary>Reads the oldest events.</summary>
    public const string SelectOutbox =
        "SELECT sequence, namespace, key, event_id, payload, created_at FROM outbox ORDER BY sequence LIMIT $max";

    /// <summary>Deletes events whose sequences come as a JSON array: one statement, no parameter-count limit.</summary>
    public const string DeleteOutbox = "DELETE FROM outbox WHERE sequence IN (SELECT value FROM json_each($ids))";

    /// <summary>Creates the tables and the version counter if missing.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_key TEXT NOT NULL,
            state_name TEXT NOT NULL,
            payload BLOB NOT NULL,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (grain_type, grain_key, state_name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS outbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            namespace TEXT NOT NULL,
            key TEXT NOT NULL,
            event_id BLOB NOT NULL,
            payload BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS storage_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO storage_counter (name, value) VALUES ('grain_state_version', 0) ON CONFLICT (name) DO NOTHING;
        """;
}
