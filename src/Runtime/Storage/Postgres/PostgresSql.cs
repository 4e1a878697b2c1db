namespace Playbound.Runtime.Storage;

/// <summary>
/// The SQL of <see cref="PostgresGrainStorage"/> for one schema. The schema name is a validated identifier, so
/// splicing it (quoted) into the text is safe; every value travels as a parameter.
/// </summary>
internal sealed class PostgresSql
{
    public PostgresSql(string schemaName)
    {
        var s = $"\"{schemaName}\"";

        // Versions come from a sequence rather than "etag + 1", so a record that is cleared and written again never
        // reuses an ETag a stale activation might still hold.
        var nextVersion = $"nextval('{s}.grain_state_version')";
        const string Returning = "RETURNING g.grain_type, g.grain_key, g.state_name, g.version";

        CreateTables = $"""
            CREATE TABLE IF NOT EXISTS {s}.grain_state (
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                state_name text NOT NULL,
                payload bytea NOT NULL,
                version bigint NOT NULL,
                updated_at timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name));
            CREATE SEQUENCE IF NOT EXISTS {s}.grain_state_version;
            CREATE TABLE IF NOT EXISTS {s}.outbox (
                sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                namespace text NOT NULL,
                key text NOT NULL,
                event_id uuid NOT NULL,
                payload bytea NOT NULL,
                created_at timestamptz NOT NULL);
            """;
        SelectRecord = $"SELECT payload, version FROM {s}.grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";
        SelectVersion = $"SELECT version FROM {s}.grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

        // Set-based: one statement per kind for a whole wave of operations (arrays of keys, payloads and expected
        // versions). ON CONFLICT DO NOTHING and the version guards turn a conflict into a missing RETURNING row
        // rather than an error, which would abort the batch's transaction; the RETURNING key says which operation won.
        InsertStates =
            $"INSERT INTO {s}.grain_state AS g (grain_type, grain_key, state_name, payload, version, updated_at) " +
            $"SELECT t, k, n, p, {nextVersion}, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS u(t, k, n, p) " +
            $"ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING {Returning}";
        UpdateStates =
            $"UPDATE {s}.grain_state AS g SET payload = u.p, version = {nextVersion}, updated_at = $6 " +
            "FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bigint[]) AS u(t, k, n, p, e) " +
            $"WHERE g.grain_type = u.t AND g.grain_key = u.k AND g.state_name = u.n AND g.version = u.e {Returning}";
        DeleteStates =
            $"DELETE FROM {s}.grain_state AS g USING unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS u(t, k, n, e) " +
            $"WHERE g.grain_type = u.t AND g.grain_key = u.k AND g.state_name = u.n AND g.version = u.e {Returning}";

        // WITH ORDINALITY ... ORDER BY keeps the identity (sequence) order equal to the events' order.
        InsertOutbox =
            $"INSERT INTO {s}.outbox (namespace, key, event_id, payload, created_at) " +
            "SELECT n, k, e, p, $5 FROM unnest($1::text[], $2::text[], $3::uuid[], $4::bytea[]) WITH ORDINALITY AS t(n, k, e, p, o) ORDER BY o";
        SelectOutbox = $"SELECT sequence, namespace, key, event_id, payload, created_at FROM {s}.outbox ORDER BY sequence LIMIT $1";
        DeleteOutbox = $"DELETE FROM {s}.outbox WHERE sequence = ANY($1)";
    }

    /// <summary>Creates the tables and the version sequence if missing.</summary>
    public string CreateTables { get; }

    /// <summary>Reads one row's payload and version ($1 type, $2 key, $3 state name).</summary>
    public string SelectRecord { get; }

    /// <summary>Reads one row's version ($1 type, $2 key, $3 state name).</summary>
    public string SelectVersion { get; }

    /// <summary>Inserts rows that must not exist ($1-$4 arrays of type, key, name, payload; $5 now).</summary>
    public string InsertStates { get; }

    /// <summary>Updates rows at an expected version ($1-$5 arrays of type, key, name, payload, version; $6 now).</summary>
    public string UpdateStates { get; }

    /// <summary>Deletes rows at an expected version ($1-$4 arrays of type, key, name, version).</summary>
    public string DeleteStates { get; }

    /// <summary>Appends events in order ($1-$4 arrays of namespace, key, id, payload; $5 created at).</summary>
    public string InsertOutbox { get; }

    /// <summary>Reads the oldest outbox rows ($1 limit).</summary>
    public string SelectOutbox { get; }

    /// <summary>Deletes outbox rows ($1 array of sequences).</summary>
    public string DeleteOutbox { get; }
}
