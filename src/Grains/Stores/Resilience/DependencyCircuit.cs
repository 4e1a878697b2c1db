using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>
/// Calls to one external dependency (the social store's database) through a Polly pipeline: retries of transient errors
/// with exponential backoff and jitter, around a circuit breaker that opens when too many calls fail, around a timeout
/// per attempt. While the circuit is open, calls fail at once with Polly's <see cref="BrokenCircuitException"/> without
/// reaching the dependency; after <see cref="DependencyCircuitOptions.BreakDuration"/> one call probes it and closes the
/// circuit again on success.
/// </summary>
/// <remarks>
/// Every failure counts toward the breaker (retried ones included, one per attempt) except normal outcomes: caller
/// cancellation and what <see cref="DependencyCircuitOptions.IsExpected"/> accepts. Only what
/// <see cref="DependencyCircuitOptions.IsTransient"/> accepts is retried, never a rejection by the pipeline itself (an
/// open circuit, an attempt timeout: the dependency may still be applying that attempt). So a retry that finds the
/// circuit opened by the earlier attempts fails with <see cref="BrokenCircuitException"/>, whose inner exception is
/// the failure that opened it.
/// </remarks>
public sealed class DependencyCircuit
{
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Func<Exception, bool> _isExpected;
    private readonly CircuitBreakerManualControl _control = new();

    // UtcTicks until which the breaker refuses calls; 0 while closed. Written by the breaker's callbacks only.
    private long _openUntilTicks;

    /// <summary>Creates the circuit <paramref name="name"/>; <paramref name="options"/> must be valid (see <see cref="DependencyCircuitOptionsValidator"/>).</summary>
    public DependencyCircuit(string name, DependencyCircuitOptions options, TimeProvider timeProvider, ILogger<DependencyCircuit> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _isExpected = options.IsExpected;
        var isTransient = options.IsTransient;

        var builder = new ResiliencePipelineBuilder { Name = name, TimeProvider = timeProvider };
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.RetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception && exception is not ExecutionRejectedException
                    && !IsNormalOutcome(exception, args.Context) && isTransient(exception)),
                OnRetry = args =>
                {
                    _logger.RetryingCall(args.Outcome.Exception, Name, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = options.FailureRatio,
            MinimumThroughput = options.MinimumThroughput,
            SamplingDuration = options.SamplingDuration,
            BreakDuration = options.BreakDuration,
            ManualControl = _control,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } exception && !IsNormalOutcome(exception, args.Context)),
            OnOpened = args =>
            {
                Volatile.Write(ref _openUntilTicks, (_timeProvider.GetUtcNow() + args.BreakDuration).UtcTicks);
                _logger.CircuitOpened(args.Outcome.Exception, Name, args.BreakDuration.TotalSeconds);
                return default;
            },
            OnHalfOpened = _ =>
            {
                _logger.CircuitHalfOpened(Name);
                return default;
            },
            OnClosed = _ =>
            {
                Volatile.Write(ref _openUntilTicks, 0);
                _logger.CircuitClosed(Name);
                return default;
            },
        });
        builder.AddTimeout(options.AttemptTimeout);
        _pipeline = builder.Build();
    }

    /// <summary>The dependency's name, e.g. <see cref="DependencyCircuits.Storage"/>.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether the circuit refuses calls now: it opened (or a half-open probe failed and opened it again) and its break
    /// duration has not run out. Judged by the clock rather than by the breaker's state, which only moves on a call: a
    /// process that gets no traffic because it reports itself unready would otherwise stay unready for good.
    /// </summary>
    public bool IsOpen => _timeProvider.GetUtcNow().UtcTicks < Volatile.Read(ref _openUntilTicks);

    /// <summary>Runs <paramref name="action"/> through the pipeline and returns its result.</summary>
    /// <exception cref="BrokenCircuitException">The circuit is open; the action did not run.</exception>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _pipeline.ExecuteAsync(action, cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> through the pipeline.</summary>
    /// <exception cref="BrokenCircuitException">The circuit is open; the action did not run.</exception>
    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        return _pipeline.ExecuteAsync(action, cancellationToken);
    }

    /// <summary>
    /// Closes the circuit and forgets its failures, for a caller that knows the dependency is back (a client that
    /// reconnected) sooner than the next probe would.
    /// </summary>
    public Task CloseAsync(CancellationToken cancellationToken) => _control.CloseAsync(cancellationToken);

    private bool IsNormalOutcome(Exception exception, ResilienceContext context) =>
        (exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested) || _isExpected(exception);
}
