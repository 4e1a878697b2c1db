using System.Diagnostics.Metrics;
using Playbound.Grains.Accounts.Deletion;

namespace Playbound.Grains.Diagnostics;

/// <summary>The account instruments on meter <see cref="MeterName"/>.</summary>
public sealed class AccountMetrics
{
    /// <summary>The meter.</summary>
    public const string MeterName = "Playbound.Accounts";

    /// <summary>Failed attempts of an account deletion's step (counter; tag <c>step</c>). A rising count is a deletion stuck on that step.</summary>
    public const string DeletionFailuresName = "playbound.account.deletion.failures";

    /// <summary>Seconds from an account deletion's request to its last step done (histogram).</summary>
    public const string DeletionDurationName = "playbound.account.deletion.duration";

    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _time;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public AccountMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _failures = meter.CreateCounter<long>(DeletionFailuresName, "{attempt}", "Failed attempts of an account deletion's step.");
        _duration = meter.CreateHistogram<double>(DeletionDurationName, "s", "Time from an account deletion's request to its last step done.");
    }

    /// <summary>Counts a failed attempt of <paramref name="step"/>.</summary>
    public void DeletionStepFailed(DeletionStep step) => _failures.Add(1, new KeyValuePair<string, object?>("step", step.ToString()));

    /// <summary>Records a deletion asked for at <paramref name="requestedAt"/> as completed now.</summary>
    public void DeletionCompleted(DateTimeOffset requestedAt) => _duration.Record(Math.Max(0, (_time.GetUtcNow() - requestedAt).TotalSeconds));
}
