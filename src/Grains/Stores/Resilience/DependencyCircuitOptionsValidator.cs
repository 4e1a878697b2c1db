using Microsoft.Extensions.Options;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>Rejects circuit options that Polly would refuse, so the host fails at startup instead of at the first call.</summary>
public sealed class DependencyCircuitOptionsValidator : IValidateOptions<DependencyCircuitOptions>
{
    private static readonly TimeSpan MinimumWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DependencyCircuitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"{DependencyCircuitOptions.SectionName}:{name}";
        var errors = new List<string>();
        if (options.FailureRatio is <= 0 or > 1 || double.IsNaN(options.FailureRatio))
        {
            errors.Add($"{prefix}:FailureRatio must be greater than 0 and at most 1.");
        }

        if (options.MinimumThroughput < 2)
        {
            errors.Add($"{prefix}:MinimumThroughput must be at least 2.");
        }

        if (options.SamplingDuration < MinimumWindow)
        {
            errors.Add($"{prefix}:SamplingDuration must be at least 0.5 s.");
        }

        if (options.BreakDuration < MinimumWindow)
        {
            errors.Add($"{prefix}:BreakDuration must be at least 0.5 s.");
        }

        if (options.RetryAttempts < 0)
        {
            errors.Add($"{prefix}:RetryAttempts must not be negative.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > MaximumTimeout)
        {
            errors.Add($"{prefix}:RetryBaseDelay must be between 0 and 1 day.");
        }

        if (options.AttemptTimeout < MinimumTimeout || options.AttemptTimeout > MaximumTimeout)
        {
            errors.Add($"{prefix}:AttemptTimeout must be between 10 ms and 1 day.");
        }

        if (options.IsTransient is null || options.IsExpected is null)
        {
            errors.Add($"{prefix}: IsTransient and IsExpected must be set.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
