namespace Playbound.Grains.Stores.Resilience;

/// <summary>
/// How one <see cref="DependencyCircuit"/> retries and breaks: named options, one instance per circuit name, bound from
/// <c>Playbound:Resilience:{Name}</c> (e.g. <c>Playbound:Resilience:Storage:FailureRatio</c>). Which errors are transient
/// and which are normal outcomes is code, given by the side that calls the dependency (see
/// <see cref="ResilienceServiceCollectionExtensions.AddDependencyCircuit{TSetup}"/>), never configuration.
/// </summary>
public sealed class DependencyCircuitOptions
{
    /// <summary>The configuration section holding one subsection per circuit name.</summary>
    public const string SectionName = "Playbound:Resilience";

    /// <summary>The default of <see cref="FailureRatio"/>: half of the calls in the window failed.</summary>
    public const double DefaultFailureRatio = 0.5;

    /// <summary>The default of <see cref="MinimumThroughput"/>.</summary>
    public const int DefaultMinimumThroughput = 10;

    /// <summary>The default of <see cref="RetryAttempts"/>: two retries, three attempts in all.</summary>
    public const int DefaultRetryAttempts = 2;

    /// <summary>The default of <see cref="SamplingDuration"/>.</summary>
    public static readonly TimeSpan DefaultSamplingDuration = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="BreakDuration"/>.</summary>
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(15);

    /// <summary>The default of <see cref="RetryBaseDelay"/>.</summary>
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The default of <see cref="AttemptTimeout"/>.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The share of failed calls within <see cref="SamplingDuration"/> that opens the circuit, in (0, 1]. Default
    /// <see cref="DefaultFailureRatio"/>.
    /// </summary>
    public double FailureRatio { get; set; } = DefaultFailureRatio;

    /// <summary>
    /// How many calls the window must hold before <see cref="FailureRatio"/> is judged (at least 2), so that one failure
    /// on a quiet process does not open the circuit. Default <see cref="DefaultMinimumThroughput"/>.
    /// </summary>
    public int MinimumThroughput { get; set; } = DefaultMinimumThroughput;

    /// <summary>The sliding window the failure ratio is measured over (at least 0.5 s). Default 30 s.</summary>
    public TimeSpan SamplingDuration { get; set; } = DefaultSamplingDuration;

    /// <summary>
    /// How long an opened circuit refuses calls (at least 0.5 s) before it lets one through to probe the dependency.
    /// Default 15 s.
    /// </summary>
    public TimeSpan BreakDuration { get; set; } = DefaultBreakDuration;

    /// <summary>
    /// How many times a call failing with a transient error is tried again (0 turns retries off). Default
    /// <see cref="DefaultRetryAttempts"/>. Each attempt counts toward the breaker.
    /// </summary>
    public int RetryAttempts { get; set; } = DefaultRetryAttempts;

    /// <summary>
    /// The delay before the first retry; later ones double it, each with random jitter so that callers that failed
    /// together do not retry together. Default 200 ms.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    /// <summary>
    /// How long one attempt may take before it is cancelled and counted as a failure (10 ms to 1 day). Default 30 s,
    /// above the drivers' own timeouts, so it only catches a dependency that hangs without failing.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>
    /// Whether an error may be retried: transient, and certain to have happened before the dependency applied
    /// anything (or the call is a read). Default: none.
    /// </summary>
    public Func<Exception, bool> IsTransient { get; set; } = static _ => false;

    /// <summary>
    /// Whether an error is a normal outcome of a healthy dependency (an ETag conflict, a unique violation): neither
    /// retried nor counted toward the breaker. Caller cancellation is always one. Default: none.
    /// </summary>
    public Func<Exception, bool> IsExpected { get; set; } = static _ => false;
}
