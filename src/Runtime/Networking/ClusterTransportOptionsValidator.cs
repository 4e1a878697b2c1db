using Microsoft.Extensions.Options;

namespace Playbound.Runtime.Networking;

/// <summary>Rejects transport options that could never work, at startup rather than at the first remote call.</summary>
internal sealed class ClusterTransportOptionsValidator : IValidateOptions<ClusterTransportOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterTransportOptions options)
    {
        List<string> errors = [];
        if (options.SiloPort is < 0 or > 65535)
        {
            errors.Add("Playbound:Cluster:SiloPort must be a TCP port (0-65535).");
        }

        if (options.MaxFrameSize < 1024)
        {
            errors.Add("ClusterTransportOptions.MaxFrameSize must be at least 1024 bytes.");
        }

        if (options.MaxRerouteAttempts < 0)
        {
            errors.Add("ClusterTransportOptions.MaxRerouteAttempts must not be negative.");
        }

        if (options.ViewRefreshWait <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            errors.Add("ClusterTransportOptions.ViewRefreshWait and ConnectTimeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
