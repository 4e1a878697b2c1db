using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Networking;

/// <summary>
/// A grain call could not reach the silo that owns the grain: the connection was refused or broke. Retriable: the
/// runtime retries by itself once membership drops the silo, and throws this only when no change came in time.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(SiloAddress? silo, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Silo = silo;
    }

    /// <summary>The unreachable silo, or null when the cluster had no active silo at all.</summary>
    public SiloAddress? Silo { get; }
}
