namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// A publish found no set-up channel: the broker is away, or the client is still recovering the connection. Raised so
/// that the broker circuit counts the push as a failure, as it would a publish the client itself refused.
/// </summary>
public sealed class BrokerNotConnectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BrokerNotConnectedException()
        : base("The RabbitMQ connection is not set up.")
    {
    }
}
