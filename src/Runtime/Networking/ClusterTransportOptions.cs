namespace Playbound.Runtime.Networking;

/// <summary>How silos and gateways carry grain calls between processes (<c>Playbound:Cluster</c>).</summary>
public sealed class ClusterTransportOptions
{
    /// <summary>The configuration section; membership reads <see cref="SiloPort"/> from it too, to advertise it.</summary>
    public const string ConfigurationSection = "Playbound:Cluster";

    /// <summary>The default of <see cref="SiloPort"/>.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>The default of <see cref="MaxFrameSize"/>: 16 MiB, far above any sane grain call.</summary>
    public const int DefaultMaxFrameSize = 16 * 1024 * 1024;

    /// <summary>The default of <see cref="MaxRerouteAttempts"/>.</summary>
    public const int DefaultMaxRerouteAttempts = 5;

    /// <summary>The default of <see cref="ViewRefreshWait"/>.</summary>
    public static readonly TimeSpan DefaultViewRefreshWait = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="ConnectTimeout"/>.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The TCP port this silo listens on for grain calls (all interfaces).</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>The largest frame accepted; a peer announcing a larger one is cut off, as are malformed frames.</summary>
    public int MaxFrameSize { get; set; } = DefaultMaxFrameSize;

    /// <summary>
    /// How many times one call is re-sent after a silo answered "not owner" (views briefly disagree while membership
    /// changes). Each retry first waits up to <see cref="ViewRefreshWait"/> for a newer membership snapshot.
    /// </summary>
    public int MaxRerouteAttempts { get; set; } = DefaultMaxRerouteAttempts;

    /// <summary>How long a call answered "not owner" waits for a newer snapshot before it retries anyway.</summary>
    public TimeSpan ViewRefreshWait { get; set; } = DefaultViewRefreshWait;

    /// <summary>How long opening a connection to a silo may take (also bounded by the call's response timeout).</summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;
}
