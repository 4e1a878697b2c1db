namespace Playbound.Runtime.Networking;

/// <summary>
/// A grain call kept reaching silos that do not own the grain, more often than
/// <see cref="ClusterTransportOptions.MaxRerouteAttempts"/> allows: the silos disagree on membership for longer than expected.
/// </summary>
public sealed class GrainRoutingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainRoutingException(string message)
        : base(message)
    {
    }
}
