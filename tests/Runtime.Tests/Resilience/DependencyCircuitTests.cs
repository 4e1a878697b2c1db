using System.Net.Sockets;
using Npgsql;
using Playbound.Runtime.Resilience;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Tests.Infrastructure;
using Polly.CircuitBreaker;

namespace Playbound.Runtime.Tests.Resilience;

public sealed class DependencyCircuitTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Failures_open_the_circuit_and_then_calls_fail_fast_without_running()
    {
        var circuit = CircuitTesting.Create(CircuitTesting.Options(), _clock);

        await circuit.FailAsync(new InvalidOperationException("down"));
        Assert.False(circuit.IsOpen);
        await circuit.FailAsync(new InvalidOperationException("down"));
        Assert.True(circuit.IsOpen);

        var ran = false;
        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await circuit.ExecuteAsync(_ =>
        {
            ran = true;
            return ValueTask.FromResult(1);
        }, CancellationToken.None));
        Assert.False(ran);
    }

    [Fact]
    public async Task After_the_break_one_call_probes_and_a_success_closes_the_circuit()
    {
        var circuit = CircuitTesting.Create(CircuitTesting.Options(), _clock);
        await circuit.FailAsync(new InvalidOperationException());
        await circuit.FailAsync(new InvalidOperationException());

        _clock.Advance(CircuitTesting.BreakDuration);

        Assert.False(circuit.IsOpen);
        Assert.Equal(42, await circuit.ExecuteAsync(_ => ValueTask.FromResult(42), CancellationToken.None));
        Assert.False(circuit.IsOpen);

        // Closed with fresh statistics: one more failure is below the minimum throughput again.
        await circuit.FailAsync(new InvalidOperationException());
        Assert.False(circuit.IsOpen);
        Assert.Equal(1, await circuit.SucceedAsync());
    }

    [Fact]
    public async Task A_failed_probe_opens_the_circuit_again()
    {
        var circuit = CircuitTesting.Create(CircuitTesting.Options(), _clock);
        await circuit.FailAsync(new InvalidOperationException());
        await circuit.FailAsync(new InvalidOperationException());
        _clock.Advance(CircuitTesting.BreakDuration);

        Assert.Equal(1, await circuit.FailAsync(new InvalidOperationException()));

        Assert.True(circuit.IsOpen);
        Assert.Equal(0, await circuit.FailAsync(new InvalidOperationException()));
    }

    [Fact]
    public async Task Close_reopens_the_flow_before_the_break_ends()
    {
        var circuit = CircuitTesting.Create(CircuitTesting.Options(), _clock);
        await circuit.FailAsync(new InvalidOperationException());
        await circuit.FailAsync(new InvalidOperationException());

        await circuit.CloseAsync(CancellationToken.None);

        Assert.False(circuit.IsOpen);
        Assert.Equal(1, await circuit.SucceedAsync());
    }

    [Fact]
    public async Task Only_transient_errors_are_retried()
    {
        var options = CircuitTesting.Options(isTransient: static e => e is TimeoutException);
        options.MinimumThroughput = 100;
        var circuit = CircuitTesting.Create(options, _clock);

        var calls = 0;
        var result = await circuit.ExecuteAsync(_ => ++calls < 3 ? throw new TimeoutException() : ValueTask.FromResult("ok"), CancellationToken.None);

        Assert.Equal(("ok", 3), (result, calls));
        Assert.Equal(1, await circuit.FailAsync(new InvalidOperationException()));
        Assert.Equal(3, await circuit.FailAsync(new TimeoutException()));
    }

    [Fact]
    public async Task Expected_outcomes_and_caller_cancellation_neither_retry_nor_open_the_circuit()
    {
        var circuit = CircuitTesting.Create(
            CircuitTesting.Options(isTransient: static _ => true, isExpected: static e => e is InconsistentStateException), _clock);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, await circuit.FailAsync(new InconsistentStateException("conflict", "1", "2")));
            Assert.Equal(1, await CancelledByCallerAsync(circuit));
        }

        Assert.False(circuit.IsOpen);
        Assert.Equal(1, await circuit.SucceedAsync());
    }

    [Fact]
    public async Task Storage_rules_retry_a_refused_connection_but_never_a_commit_with_an_unknown_outcome()
    {
        var options = CircuitTesting.Options(StorageErrors.IsTransient, StorageErrors.IsExpected);
        options.MinimumThroughput = 100;
        var circuit = CircuitTesting.Create(options, _clock);
        var dropped = new NpgsqlException("Exception while reading from stream", new SocketException((int)SocketError.ConnectionReset));

        Assert.Equal(3, await circuit.FailAsync(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal(1, await circuit.FailAsync(new CommitOutcomeUnknownException(dropped)));
        Assert.Equal(1, await circuit.FailAsync(new InconsistentStateException("conflict", "1", "2")));
    }

    [Fact]
    public async Task Storage_rules_do_not_count_etag_conflicts_toward_the_breaker()
    {
        var circuit = CircuitTesting.Create(CircuitTesting.Options(StorageErrors.IsTransient, StorageErrors.IsExpected), _clock);

        for (var i = 0; i < 10; i++)
        {
            await circuit.FailAsync(new InconsistentStateException("conflict", "1", "2"));
        }

        Assert.False(circuit.IsOpen);

        // Conflicts count as calls that went well, so as many real failures are needed to reach the ratio.
        for (var i = 0; i < 10; i++)
        {
            await circuit.FailAsync(new CommitOutcomeUnknownException(new IOException("connection lost")));
        }

        Assert.True(circuit.IsOpen);
    }

    // The caller gives up while the call runs (a token cancelled beforehand never reaches the action).
    private static async Task<int> CancelledByCallerAsync(DependencyCircuit circuit)
    {
        using var caller = new CancellationTokenSource();
        var calls = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await circuit.ExecuteAsync(token =>
        {
            calls++;
            caller.Cancel();
            token.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }, caller.Token));
        return calls;
    }
}
