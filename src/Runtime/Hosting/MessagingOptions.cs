namespace Playbound.Runtime.Hosting;

/// <summary>How grain calls are carried.</summary>
public sealed class MessagingOptions
{
    /// <summary>The default of <see cref="ResponseTimeout"/>: 30 seconds, as in Orleans.</summary>
    public static readonly TimeSpan DefaultResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a caller waits for a grain call before it fails with <see cref="TimeoutException"/>. In cluster mode it
    /// covers the whole call, including reroutes and waits for membership (see <see cref="Networking.ClusterTransportOptions"/>).
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = DefaultResponseTimeout;

    /// <summary>
    /// Sends every local call's arguments and result through the serializer, as a remote call would. Off by default
    /// (local calls pass references); tests turn it on to prove every contract can cross a process boundary. Embedded mode
    /// only: in cluster mode remote calls are always serialized and local calls never are.
    /// </summary>
    public bool SerializeLocalCalls { get; set; }
}
