using Npgsql;
using Playbound.Runtime;
using Playbound.Runtime.Networking;

namespace Playbound.Streams.RabbitMq.Tests;

public sealed class DeliveryFailureTests
{
    public static TheoryData<Exception> Outages() =>
    [
        new SiloUnavailableException(null, "silo gone"),
        new TimeoutException("call timed out"),
        new NpgsqlException("failed to connect"),
        new GrainCallException("Npgsql.PostgresException", "53300: remaining connection slots are reserved", null),
        new GrainCallException("Npgsql.PostgresException", "57P01: terminating connection due to administrator command", null),
        new GrainCallException("Playbound.Runtime.Networking.SiloUnavailableException", "silo gone", null),
        new GrainCallException("Polly.CircuitBreaker.BrokenCircuitException", "the circuit is open", null),
    ];

    public static TheoryData<Exception> EventFaults() =>
    [
        new InvalidOperationException("bad event"),
        new GrainCallException("System.InvalidOperationException", "bad event", null),
        new GrainCallException("Npgsql.PostgresException", "23505: duplicate key value violates unique constraint", null),
        new FormatException("unreadable payload"),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public void Failures_of_the_cluster_are_transient(Exception exception) => Assert.True(DeliveryFailure.IsTransient(exception));

    [Theory]
    [MemberData(nameof(EventFaults))]
    public void Failures_of_the_event_count_toward_the_poison_limit(Exception exception) => Assert.False(DeliveryFailure.IsTransient(exception));
}
