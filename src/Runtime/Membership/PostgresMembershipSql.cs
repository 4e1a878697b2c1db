namespace Playbound.Runtime.Membership;

/// <summary>
/// The SQL of <see cref="PostgresMembershipTable"/> for one schema. The schema is a validated identifier, so quoting
/// it into the text is safe; every value travels as a parameter. Parameters $1-$4 are always (cluster, host, port,
/// generation).
/// </summary>
internal sealed class PostgresMembershipSql
{
    private const string SiloKey = "cluster_id = $1 AND host = $2 AND port = $3 AND generation = $4";

    public PostgresMembershipSql(string schemaName)
    {
        var s = $"\"{schemaName}\"";
        CreateTables = $"""
            CREATE TABLE IF NOT EXISTS {s}.membership_version (
                cluster_id text PRIMARY KEY,
                version bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS {s}.membership_silo (
                cluster_id text NOT NULL REFERENCES {s}.membership_version (cluster_id),
                host text NOT NULL,
                port integer NOT NULL,
                generation bigint NOT NULL,
                status text NOT NULL CHECK (status IN ('Joining', 'Active', 'ShuttingDown', 'Dead')),
                started_at timestamptz NOT NULL,
                last_heartbeat timestamptz NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation));
            """;

        // One statement reads one snapshot, so the table version always matches the rows returned with it. The
        // outer join still returns the database clock for a cluster that has no rows yet.
        Read =
            "SELECT now(), coalesce(v.version, 0), m.host, m.port, m.generation, m.status, m.started_at, m.last_heartbeat, m.version " +
            $"FROM (SELECT $1::text AS cluster_id) AS c LEFT JOIN {s}.membership_version v ON v.cluster_id = c.cluster_id " +
            $"LEFT JOIN {s}.membership_silo m ON m.cluster_id = v.cluster_id";
        EnsureVersionRow = $"INSERT INTO {s}.membership_version (cluster_id, version) VALUES ($1, 0) ON CONFLICT DO NOTHING";

        // A status change and the table-version bump are one statement: the version row is updated only when the
        // conditional write matched, and its row lock orders concurrent bumps, so the table version grows by one per change.
        var bumpVersion = $"UPDATE {s}.membership_version SET version = version + 1 " +
            "WHERE cluster_id = $1 AND EXISTS (SELECT 1 FROM changed) RETURNING version";
        Insert =
            $"WITH changed AS (INSERT INTO {s}.membership_silo " +
            "(cluster_id, host, port, generation, status, started_at, last_heartbeat, version) " +
            $"VALUES ($1, $2, $3, $4, $5, now(), now(), 1) ON CONFLICT DO NOTHING RETURNING 1) {bumpVersion}";
        UpdateStatus =
            $"WITH changed AS (UPDATE {s}.membership_silo SET status = $5, version = version + 1 " +
            $"WHERE {SiloKey} AND version = $6 RETURNING 1) {bumpVersion}";

        // Heartbeats bump the row version (so a declaration of death based on an older heartbeat fails) but not the
        // table version: they change no snapshot, and bumping it would make every process see a "new" cluster each beat.
        Heartbeat =
            $"UPDATE {s}.membership_silo SET last_heartbeat = now(), version = version + 1 " +
            $"WHERE {SiloKey} AND version = $5 AND status <> 'Dead' RETURNING version";
        DeleteDefunct = $"DELETE FROM {s}.membership_silo WHERE cluster_id = $1 AND status = 'Dead' AND last_heartbeat < now() - $2";
    }

    public string CreateTables { get; }

    public string Read { get; }

    public string EnsureVersionRow { get; }

    public string Insert { get; }

    public string UpdateStatus { get; }

    public string Heartbeat { get; }

    public string DeleteDefunct { get; }
}
