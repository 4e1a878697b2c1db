namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// How realtime pushes cross processes in cluster mode: silos publish to <see cref="Exchange"/>, Api nodes receive
/// their users' pushes and announce who is connected on <see cref="PresenceExchange"/>. Bound to
/// <c>Playbound:Realtime:RabbitMq</c>; silos and Api nodes must agree on the broker and the exchange names.
/// </summary>
public sealed class RabbitMqRealtimeOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Playbound:Realtime:RabbitMq";

    /// <summary>Default of <see cref="Uri"/>: the local broker's guest account.</summary>
    public const string DefaultUri = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Default of <see cref="Exchange"/>.</summary>
    public const string DefaultExchange = "playbound.realtime";

    /// <summary>Default of <see cref="PresenceExchange"/>.</summary>
    public const string DefaultPresenceExchange = "playbound.presence";

    /// <summary>Default of <see cref="PublishQueueCapacity"/>.</summary>
    public const int DefaultPublishQueueCapacity = 10_000;

    /// <summary>Default of <see cref="PresenceSnapshotInterval"/>: ten seconds.</summary>
    public static readonly TimeSpan DefaultPresenceSnapshotInterval = TimeSpan.FromSeconds(10);

    /// <summary>Default of <see cref="PresenceTtl"/>: thirty seconds, three snapshots.</summary>
    public static readonly TimeSpan DefaultPresenceTtl = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="ReconnectInterval"/>: five seconds.</summary>
    public static readonly TimeSpan DefaultReconnectInterval = TimeSpan.FromSeconds(5);

    /// <summary>The broker, as an <c>amqp://user:password@host:port/vhost</c> URI.</summary>
    public string Uri { get; set; } = DefaultUri;

    /// <summary>The topic exchange pushes go through, routed by <c>user.{userId}</c> and <c>post.{postId}</c>.</summary>
    public string Exchange { get; set; } = DefaultExchange;

    /// <summary>The fanout exchange Api nodes announce their connected users on.</summary>
    public string PresenceExchange { get; set; } = DefaultPresenceExchange;

    /// <summary>
    /// How many push calls a silo holds while they wait for the broker; more are dropped (and logged), as pushes are
    /// best effort and a stale push is worth little.
    /// </summary>
    public int PublishQueueCapacity { get; set; } = DefaultPublishQueueCapacity;

    /// <summary>How often an Api node announces all of its connected users, besides each connect and disconnect.</summary>
    public TimeSpan PresenceSnapshotInterval { get; set; } = DefaultPresenceSnapshotInterval;

    /// <summary>
    /// How long silos trust an Api node's announcements: a node that crashed without saying goodbye has its users
    /// go offline this long after its last message.
    /// </summary>
    public TimeSpan PresenceTtl { get; set; } = DefaultPresenceTtl;

    /// <summary>
    /// How long to wait between attempts to reach the broker, both before the first connection and while the client
    /// recovers a lost one.
    /// </summary>
    public TimeSpan ReconnectInterval { get; set; } = DefaultReconnectInterval;
}
