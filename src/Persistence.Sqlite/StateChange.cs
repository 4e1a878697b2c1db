using Microsoft.Data.Sqlite;

namespace Playbound.Persistence.Sqlite;

/// <summary>
/// One write or clear of one grain's state row. A clear is a write of no payload: the row stays as a tombstone so
/// its version keeps rising and an ETag from before the clear can never match again.
/// </summary>
/// <param name="GrainId">The grain.</param>
/// <param name="StateName">Which of its states.</param>
/// <param name="ExpectedVersion">The version the grain read (its ETag); <c>null</c> when it believes no row exists.</param>
/// <param name="Payload">The serialized state; <c>null</c> to clear.</param>
internal sealed record StateChange(string GrainId, string StateName, long? ExpectedVersion, byte[]? Payload)
{
    private const string Insert = """
        INSERT INTO grain_state (grain_id, state_name, version, payload) VALUES ($grain, $state, 1, $payload)
        ON CONFLICT DO NOTHING
        """;

    private const string Update = """
        UPDATE grain_state SET version = $expected + 1, payload = $payload
        WHERE grain_id = $grain AND state_name = $state AND version = $expected
        """;

    /// <summary>
    /// Applies <paramref name="changes"/> in <paramref name="transaction"/>; each result is the row's new version, or
    /// <c>null</c> where the expected version did not match and nothing was written.
    /// </summary>
    public static long?[] ApplyAll(SqliteTransaction transaction, IReadOnlyList<StateChange> changes)
    {
        using var insert = Prepare(transaction, Insert);
        using var update = Prepare(transaction, Update);
        var versions = new long?[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var command = change.ExpectedVersion is null ? insert : update;
            command.Parameters["$grain"].Value = change.GrainId;
            command.Parameters["$state"].Value = change.StateName;
            command.Parameters["$payload"].Value = (object?)change.Payload ?? DBNull.Value;
            command.Parameters["$expected"].Value = change.ExpectedVersion ?? 0;
            versions[i] = command.ExecuteNonQuery() == 1 ? (change.ExpectedVersion ?? 0) + 1 : null;
        }

        return versions;
    }

    private static SqliteCommand Prepare(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in new[] { "$grain", "$state", "$payload", "$expected" })
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        return command;
    }
}
