namespace Playbound.Realtime.Presence;

/// <summary>
/// How Api nodes announce their connected users on Redis and how silos follow them. Api nodes and silos must agree on
/// <see cref="Channel"/>; the TTL travels in every announcement, so silos need not share a node's timings.
/// </summary>
public sealed class RedisPresenceOptions
{
    /// <summary>Default of <see cref="Channel"/>.</summary>
    public const string DefaultChannel = "playbound:presence";

    /// <summary>What <see cref="HelloChannel"/> appends to <see cref="Channel"/>.</summary>
    public const string HelloChannelSuffix = ":hello";

    /// <summary>Default of <see cref="SnapshotInterval"/>: ten seconds.</summary>
    public static readonly TimeSpan DefaultSnapshotInterval = TimeSpan.FromSeconds(10);

    /// <summary>Default of <see cref="Ttl"/>: thirty seconds, three snapshots.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(30);

    /// <summary>The Redis pub/sub channel Api nodes announce on and silos listen to.</summary>
    public string Channel { get; set; } = DefaultChannel;

    /// <summary>How often an Api node announces all of its users, besides each change and each silo's hello.</summary>
    public TimeSpan SnapshotInterval { get; set; } = DefaultSnapshotInterval;

    /// <summary>
    /// How long silos trust an Api node's last announcement: a node that died without saying goodbye has its users go
    /// offline this long after it fell silent. On a silo it also sets how often silent nodes are looked for (a quarter of it).
    /// </summary>
    public TimeSpan Ttl { get; set; } = DefaultTtl;

    /// <summary>
    /// Where silos ask the Api nodes for an immediate snapshot. Apart from <see cref="Channel"/> so Api nodes need not
    /// read (and parse) every other node's announcements only to find the rare request.
    /// </summary>
    public string HelloChannel => Channel + HelloChannelSuffix;
}
