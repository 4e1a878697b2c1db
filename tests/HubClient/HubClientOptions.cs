using System.Text.Json;

namespace Playbound.HubClient;

/// <summary>Settings of a <see cref="HubClient"/>; the defaults suit tests and a load generator alike.</summary>
public sealed class HubClientOptions
{
    /// <summary>Default for <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default for <see cref="PingInterval"/>: half of the server's default 30 s client timeout.</summary>
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(15);

    /// <summary>Default for <see cref="ReceiveBufferSize"/>.</summary>
    public const int DefaultReceiveBufferSize = 4096;

    /// <summary>How long the handshake, an invocation's completion and a subscription's next message may take.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>How often the client pings, so that the server does not close it as timed out while it only listens.</summary>
    public TimeSpan PingInterval { get; init; } = DefaultPingInterval;

    /// <summary>Bytes rented per connection for receiving; larger messages are assembled across receives.</summary>
    public int ReceiveBufferSize { get; init; } = DefaultReceiveBufferSize;

    /// <summary>How arguments, results and pushed payloads are (de)serialized: camelCase web defaults.</summary>
    public JsonSerializerOptions SerializerOptions { get; init; } = JsonSerializerOptions.Web;
}
