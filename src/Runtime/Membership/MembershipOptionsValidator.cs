using Microsoft.Extensions.Options;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Membership;

/// <summary>Rejects <see cref="MembershipOptions"/> under which healthy silos would be declared dead, or none ever would.</summary>
public sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (bool Ok, string Error)[] rules =
        [
            (!string.IsNullOrWhiteSpace(options.ConnectionString), "MembershipOptions.ConnectionString must be set."),
            (PostgresDataSources.IsValidSchemaName(options.Schema),
                $"MembershipOptions.Schema must be a plain identifier of at most 63 characters (was '{options.Schema}')."),
            (!string.IsNullOrWhiteSpace(options.ClusterId), "MembershipOptions.ClusterId must be set."),
            (options.HeartbeatInterval > TimeSpan.Zero, "MembershipOptions.HeartbeatInterval must be positive."),
            (options.DeathTimeout > 2 * options.HeartbeatInterval,
                "MembershipOptions.DeathTimeout must exceed two heartbeat intervals."),
            (options.RefreshInterval > TimeSpan.Zero && options.RefreshInterval < options.DeathTimeout,
                "MembershipOptions.RefreshInterval must be positive and shorter than DeathTimeout."),
            (options.OperationTimeout > TimeSpan.Zero, "MembershipOptions.OperationTimeout must be positive."),
            // A dead row must outlive the death timeout, or a slow zombie could rejoin under its old generation.
            (options.DefunctSiloExpiration >= options.DeathTimeout,
                "MembershipOptions.DefunctSiloExpiration must be at least DeathTimeout."),
        ];
        var errors = rules.Where(static r => !r.Ok).Select(static r => r.Error).ToArray();
        return errors.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
