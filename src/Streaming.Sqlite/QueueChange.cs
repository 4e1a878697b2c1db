using Microsoft.Data.Sqlite;

namespace Playbound.Streaming.Sqlite;

/// <summary>A change to the queue tables, committed in a group with others.</summary>
internal abstract record QueueChange
{
    /// <summary>Applies <paramref name="changes"/> in order; each result is the new row's sequence for an enqueue, else the rows touched.</summary>
    public static long[] ApplyAll(SqliteTransaction transaction, IReadOnlyList<QueueChange> changes)
    {
        var results = new long[changes.Count];
        for (var i = 0; i < changes.Count; i++)
        {
            using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            results[i] = changes[i].Apply(command);
        }

        return results;
    }

    protected abstract long Apply(SqliteCommand command);
}

/// <summary>Appends a serialized batch to a queue.</summary>
internal sealed record Enqueue(string QueueId, string StreamNamespace, string StreamKey, byte[] Payload) : QueueChange
{
    protected override long Apply(SqliteCommand command)
    {
        command.CommandText = """
            INSERT INTO stream_queue (queue_id, stream_namespace, stream_key, payload, enqueued_at)
            VALUES ($queue, $namespace, $key, $payload, unixepoch('subsec') * 1000)
            RETURNING sequence
            """;
        command.Parameters.AddWithValue("$queue", QueueId);
        command.Parameters.AddWithValue("$namespace", StreamNamespace);
        command.Parameters.AddWithValue("$key", StreamKey);
        command.Parameters.AddWithValue("$payload", Payload);
        return (long)command.ExecuteScalar()!;
    }
}

/// <summary>Deletes a row Orleans delivered.</summary>
internal sealed record Remove(long Sequence) : QueueChange
{
    protected override long Apply(SqliteCommand command)
    {
        command.CommandText = "DELETE FROM stream_queue WHERE sequence = $sequence";
        command.Parameters.AddWithValue("$sequence", Sequence);
        return command.ExecuteNonQuery();
    }
}

/// <summary>Moves a row that could not be delivered or read to the dead-letter table, with why.</summary>
internal sealed record MoveToDeadLetters(long Sequence, string Error) : QueueChange
{
    protected override long Apply(SqliteCommand command)
    {
        command.CommandText = """
            INSERT INTO stream_dead_letter (sequence, queue_id, stream_namespace, stream_key, payload, error, enqueued_at, dead_lettered_at)
            SELECT sequence, queue_id, stream_namespace, stream_key, payload, $error, enqueued_at, unixepoch('subsec') * 1000
            FROM stream_queue WHERE sequence = $sequence
            ON CONFLICT DO NOTHING;
            DELETE FROM stream_queue WHERE sequence = $sequence;
            """;
        command.Parameters.AddWithValue("$sequence", Sequence);
        command.Parameters.AddWithValue("$error", Error);
        return command.ExecuteNonQuery();
    }
}
