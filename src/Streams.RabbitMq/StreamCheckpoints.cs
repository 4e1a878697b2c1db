using Npgsql;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// The last delivered offset of each stream queue, in PostgreSQL (<c>stream_checkpoint</c>, created when missing).
/// A checkpoint only moves forward: after an ownership change the old owner may still write one, and every writer
/// only checkpoints offsets it has delivered, so the larger one is safe to keep.
/// </summary>
internal sealed class StreamCheckpoints(NpgsqlDataSource database)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS stream_checkpoint (
            queue text PRIMARY KEY,
            "offset" bigint NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now())
        """;

    private const string Select = """SELECT "offset" FROM stream_checkpoint WHERE queue = $1""";

    private const string Upsert = """
        INSERT INTO stream_checkpoint (queue, "offset") VALUES ($1, $2)
        ON CONFLICT (queue) DO UPDATE SET "offset" = GREATEST(stream_checkpoint."offset", EXCLUDED."offset"), updated_at = now()
        """;

    private int _created;

    /// <summary>The last delivered offset of <paramref name="queue"/>, or null when nothing was ever checkpointed.</summary>
    public async Task<long?> ReadAsync(string queue, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.CreateCommand(Select);
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long offset ? offset : null;
    }

    /// <summary>Records that every event of <paramref name="queue"/> up to <paramref name="offset"/> was delivered.</summary>
    public async Task WriteAsync(string queue, long offset, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 1)
        {
            return;
        }

        await using var command = database.CreateCommand(CreateTable);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation)
        {
            // Two silos racing CREATE TABLE IF NOT EXISTS: the loser sees the catalog's unique index; the table exists.
        }

        Volatile.Write(ref _created, 1);
    }
}
