using Microsoft.Extensions.Logging.Abstractions;
using Playbound.Runtime.Resilience;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Resilience;

/// <summary>Circuits on a manual clock that open after two failures and retry without waiting.</summary>
internal static class CircuitTesting
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    /// <summary>Options under which two failed calls in a row open the circuit.</summary>
    public static DependencyCircuitOptions Options(Func<Exception, bool>? isTransient = null, Func<Exception, bool>? isExpected = null) => new()
    {
        MinimumThroughput = 2,
        FailureRatio = 0.5,
        BreakDuration = BreakDuration,
        RetryAttempts = 2,
        RetryBaseDelay = TimeSpan.Zero,
        IsTransient = isTransient ?? (static _ => false),
        IsExpected = isExpected ?? (static _ => false),
    };

    public static DependencyCircuit Create(DependencyCircuitOptions options, ManualTimeProvider clock) =>
        new("test", options, clock, NullLogger<DependencyCircuit>.Instance);

    /// <summary>Runs a call that throws <paramref name="exception"/>, swallowing what comes out; returns how often it ran.</summary>
    public static async Task<int> FailAsync(this DependencyCircuit circuit, Exception exception, CancellationToken cancellationToken = default)
    {
        var calls = 0;
        try
        {
            await circuit.ExecuteAsync(_ =>
            {
                calls++;
                throw exception;
            }, cancellationToken);
        }
        catch (Exception)
        {
        }

        return calls;
    }

    /// <summary>Runs a call that succeeds; returns how often it ran.</summary>
    public static async Task<int> SucceedAsync(this DependencyCircuit circuit)
    {
        var calls = 0;
        await circuit.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return calls;
    }
}
