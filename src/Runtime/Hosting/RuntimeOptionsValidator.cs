using Microsoft.Extensions.Options;
using Playbound.Runtime.Streams;

namespace Playbound.Runtime.Hosting;

/// <summary>Rejects runtime options that would hang or spin the silo, at startup rather than at the first call.</summary>
internal sealed class RuntimeOptionsValidator :
    IValidateOptions<GrainCollectionOptions>, IValidateOptions<MessagingOptions>, IValidateOptions<StreamOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options) => Check(
        (options.CollectionAge > TimeSpan.Zero, "GrainCollectionOptions.CollectionAge must be positive."),
        (options.CollectionQuantum > TimeSpan.Zero, "GrainCollectionOptions.CollectionQuantum must be positive."),
        (options.DeactivationTimeout > TimeSpan.Zero, "GrainCollectionOptions.DeactivationTimeout must be positive."));

    public ValidateOptionsResult Validate(string? name, MessagingOptions options) => Check(
        (options.ResponseTimeout > TimeSpan.Zero, "MessagingOptions.ResponseTimeout must be positive."));

    public ValidateOptionsResult Validate(string? name, StreamOptions options) => Check(
        (options.BatchSize > 0, "StreamOptions.BatchSize must be positive."),
        (options.MaxConcurrentStreams > 0, "StreamOptions.MaxConcurrentStreams must be positive."),
        (options.PollInterval > TimeSpan.Zero, "StreamOptions.PollInterval must be positive."),
        (options.RetryBaseDelay > TimeSpan.Zero && options.RetryMaxDelay >= options.RetryBaseDelay,
            "StreamOptions.RetryBaseDelay must be positive and at most RetryMaxDelay."));

    private static ValidateOptionsResult Check(params (bool Ok, string Error)[] rules)
    {
        var errors = rules.Where(static r => !r.Ok).Select(static r => r.Error).ToArray();
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
