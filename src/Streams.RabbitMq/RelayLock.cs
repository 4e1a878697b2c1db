using Npgsql;
using Playbound.Runtime.Placement;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// Makes one silo at a time the outbox relay: a PostgreSQL session advisory lock held on a dedicated connection. The
/// database lets go of it when that connection ends, so a killed leader hands over as soon as PostgreSQL notices.
/// One relay keeps each stream's events in outbox order on the broker; many would interleave them.
/// </summary>
internal sealed class RelayLock(NpgsqlDataSource database, string queuePrefix) : IAsyncDisposable
{
    private readonly long _key = unchecked((long)StableHash.Of("playbound.outbox-relay", queuePrefix));
    private NpgsqlConnection? _connection;

    /// <summary>Takes the lock if no one holds it; false when another silo is the relay.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        _connection ??= await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", _connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _key });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    /// <summary>Throws when the lock's connection is gone, and with it the lock: the relay must stop publishing.</summary>
    public async Task EnsureHeldAsync(CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("The relay lock is not held.");
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the connection, which releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
