using Npgsql;
using Playbound.Runtime.Storage;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// The last delivered offset of each stream queue, in PostgreSQL (<c>public.stream_checkpoint</c>, created when
/// missing). A checkpoint only moves forward: after an ownership change the old owner may still write one, and every
/// writer only checkpoints offsets it has delivered, so the larger one is safe to keep.
/// </summary>
internal sealed class StreamCheckpoints(NpgsqlDataSource database)
{
    private const string Schema = "public";
    private const long SchemaLockKey = 0x5062_5374_7265_616D;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS stream_checkpoint (
            queue text PRIMARY KEY,
            "offset" bigint NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now())
        """;

    private const string Select = $"""SELECT "offset" FROM {Schema}.stream_checkpoint WHERE queue = $1""";

    private const string Upsert = $"""
        INSERT INTO {Schema}.stream_checkpoint (queue, "offset") VALUES ($1, $2)
        ON CONFLICT (queue) DO UPDATE SET "offset" = GREATEST(stream_checkpoint."offset", EXCLUDED."offset"), updated_at = now()
        """;

    /// <summary>Creates the table when missing; safe when several silos start at once.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresDataSources.CreateSchemaAsync(database, Schema, SchemaLockKey, CreateTable, cancellationToken);

    /// <summary>The last delivered offset of <paramref name="queue"/>, or null when nothing was ever checkpointed.</summary>
    public async Task<long?> ReadAsync(string queue, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(Select);
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long offset ? offset : null;
    }

    /// <summary>Records that every event of <paramref name="queue"/> up to <paramref name="offset"/> was delivered.</summary>
    public async Task WriteAsync(string queue, long offset, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter { Value = queue });
        command.Parameters.Add(new NpgsqlParameter { Value = offset });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
