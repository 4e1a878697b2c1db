using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Playbound.Runtime.Resilience;
using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Tests.Infrastructure;
using Polly.CircuitBreaker;

namespace Playbound.Runtime.Tests.Storage;

/// <summary>The PostgreSQL grain storage behind the storage circuit, pointed at a port nothing listens on.</summary>
public sealed class ResilientGrainStorageTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Username=playbound;Password=playbound;Database=playbound_test;Timeout=5";

    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task An_unreachable_database_opens_the_storage_circuit_and_then_every_call_fails_fast()
    {
        var circuit = new DependencyCircuit(
            DependencyCircuits.Storage,
            new DependencyCircuitOptions
            {
                MinimumThroughput = 2,
                RetryAttempts = 1,
                RetryBaseDelay = TimeSpan.Zero,
                IsTransient = StorageErrors.IsTransient,
                IsExpected = StorageErrors.IsExpected,
            },
            _clock,
            NullLogger<DependencyCircuit>.Instance);
        await using var storage = new ResilientGrainStorage(
            new PostgresGrainStorage(
                GrainStorageNames.Default, new PostgresGrainStorageOptions { ConnectionString = Unreachable }, new GrainSerializer(),
                new OutboxSignal(), TimeProvider.System, NullLogger<PostgresGrainStorage>.Instance),
            circuit);
        var id = new GrainId("counter", "a");

        // A refused connection is transient: the read is tried twice, and the two failures open the circuit.
        await Assert.ThrowsAnyAsync<NpgsqlException>(
            () => storage.ReadStateAsync("counter", id, new TestGrainState<CounterState>(new(0)), default));
        Assert.True(circuit.IsOpen);

        await Assert.ThrowsAsync<BrokenCircuitException>(
            () => storage.WriteStateAsync("counter", id, new TestGrainState<CounterState>(new(1)), [], default));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => storage.ReadPendingAsync(10, default));

        // After the break one call probes the database; its failure opens the circuit again, so its retry is refused
        // and names the failure that opened it.
        _clock.Advance(DependencyCircuitOptions.DefaultBreakDuration);
        Assert.False(circuit.IsOpen);
        var refused = await Assert.ThrowsAsync<BrokenCircuitException>(() => storage.ReadPendingAsync(10, default));
        Assert.IsAssignableFrom<NpgsqlException>(refused.InnerException);
        Assert.True(circuit.IsOpen);
    }
}
