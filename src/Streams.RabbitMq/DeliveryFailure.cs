using System.Net.Sockets;
using Npgsql;
using Playbound.Runtime;
using Playbound.Runtime.Networking;
using Playbound.Runtime.Storage;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// Tells a delivery that failed because the cluster is briefly unwell (a silo died and membership has not caught up,
/// PostgreSQL restarting or out of connections, a call timed out, an open circuit) from one that failed because of
/// the event. Only the second kind is poison: dead-lettering events during an outage would lose them quietly, so an
/// outage holds its partition back instead, retrying until it is over.
/// </summary>
internal static class DeliveryFailure
{
    // PostgreSQL error classes of an outage rather than of the statement: connection exception, insufficient
    // resources, operator intervention (a shutting-down server), transaction rollback (serialization, deadlock).
    private static readonly string[] TransientSqlStateClasses = ["08", "53", "57", "40"];

    private static readonly HashSet<string> TransientTypeNames =
    [
        typeof(SiloUnavailableException).FullName!,
        typeof(GrainRoutingException).FullName!,
        typeof(InconsistentStateException).FullName!,
        typeof(CommitOutcomeUnknownException).FullName!,
        typeof(TimeoutException).FullName!,
        typeof(IOException).FullName!,
        typeof(SocketException).FullName!,
        typeof(NpgsqlException).FullName!,
        "Polly.CircuitBreaker.BrokenCircuitException",
        "Polly.Timeout.TimeoutRejectedException",
    ];

    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => IsTransientSqlState(postgres.SqlState),
        // A grain on another silo threw: only its type name and message travel, and PostgreSQL's message starts with the SQLSTATE.
        GrainCallException remote when remote.OriginalType == typeof(PostgresException).FullName => IsTransientSqlState(remote.Message),
        GrainCallException remote => TransientTypeNames.Contains(remote.OriginalType),
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsTransient(aggregate.InnerException!),
        _ => IsTransientType(exception.GetType()),
    };

    private static bool IsTransientType(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (TransientTypeNames.Contains(type.FullName!))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransientSqlState(string sqlState) =>
        sqlState.Length >= 2 && TransientSqlStateClasses.Contains(sqlState[..2], StringComparer.Ordinal);
}
