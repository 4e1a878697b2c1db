namespace Playbound.Streams.RabbitMq;

/// <summary>
/// How cluster-mode streams use RabbitMQ: one stream queue per (namespace, partition), consumed by the silo that owns
/// the partition. Bound to <c>Playbound:Streams:RabbitMq</c>; every silo of a cluster must agree on the broker, the
/// prefix and the partition count (changing the count re-partitions streams: drain the outbox first).
/// </summary>
public sealed class RabbitMqStreamOptions
{
    /// <summary>The configuration section bound to these options.</summary>
    public const string SectionName = "Playbound:Streams:RabbitMq";

    /// <summary>Default of <see cref="Uri"/>: the local broker's guest account.</summary>
    public const string DefaultUri = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Default of <see cref="QueuePrefix"/>.</summary>
    public const string DefaultQueuePrefix = "playbound.streams";

    /// <summary>Default of <see cref="Partitions"/>.</summary>
    public const int DefaultPartitions = 8;

    /// <summary>Default of <see cref="Prefetch"/>.</summary>
    public const int DefaultPrefetch = 1000;

    /// <summary>Default of <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 500;

    /// <summary>Default of <see cref="MaxConcurrentStreams"/>.</summary>
    public const int DefaultMaxConcurrentStreams = 64;

    /// <summary>Default of <see cref="PoisonRetries"/>: three, so retries wait 1 s, 2 s and 4 s.</summary>
    public const int DefaultPoisonRetries = 3;

    /// <summary>Default of <see cref="MaxQueueBytes"/>: 2 GiB per partition.</summary>
    public const long DefaultMaxQueueBytes = 2L << 30;

    /// <summary>Default of <see cref="PoisonRetryBaseDelay"/>: one second.</summary>
    public static readonly TimeSpan DefaultPoisonRetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="RelayPollInterval"/>: 50 ms.</summary>
    public static readonly TimeSpan DefaultRelayPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Default of <see cref="ReconnectInterval"/>: two seconds.</summary>
    public static readonly TimeSpan DefaultReconnectInterval = TimeSpan.FromSeconds(2);

    /// <summary>Default of <see cref="RebalanceInterval"/>: five seconds.</summary>
    public static readonly TimeSpan DefaultRebalanceInterval = TimeSpan.FromSeconds(5);

    /// <summary>The broker, as an <c>amqp://user:password@host:port/vhost</c> URI.</summary>
    public string Uri { get; set; } = DefaultUri;

    /// <summary>Stream queues are named <c>{prefix}.{namespace}.{partition}</c>; the dead-letter queue <c>{prefix}.dead-letter</c>.</summary>
    public string QueuePrefix { get; set; } = DefaultQueuePrefix;

    /// <summary>Partitions (stream queues) per namespace; a stream's events all go to one partition, so they keep their order.</summary>
    public int Partitions { get; set; } = DefaultPartitions;

    /// <summary>Unacknowledged messages the broker sends one partition's consumer ahead.</summary>
    public int Prefetch { get; set; } = DefaultPrefetch;

    /// <summary>Most events a consumer delivers before it checkpoints; also the most outbox rows the relay publishes per round.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    /// <summary>Streams of one batch delivered at once; events of one stream always go one by one, in order.</summary>
    public int MaxConcurrentStreams { get; set; } = DefaultMaxConcurrentStreams;

    /// <summary>Retries of an event whose delivery throws, waiting <see cref="PoisonRetryBaseDelay"/> and doubling; then it is dead-lettered.</summary>
    public int PoisonRetries { get; set; } = DefaultPoisonRetries;

    /// <summary>The wait before the first retry of a failed event.</summary>
    public TimeSpan PoisonRetryBaseDelay { get; set; } = DefaultPoisonRetryBaseDelay;

    /// <summary>
    /// How long the broker keeps a partition's events (<c>x-max-length-bytes</c>). A silo that falls further behind
    /// than this loses the oldest events, so size it for the longest outage to ride out.
    /// </summary>
    public long MaxQueueBytes { get; set; } = DefaultMaxQueueBytes;

    /// <summary>How often the relay leader looks at the outbox when no local commit woke it (commits on other silos do not).</summary>
    public TimeSpan RelayPollInterval { get; set; } = DefaultRelayPollInterval;

    /// <summary>Wait between attempts to reach the broker or to take over the relay.</summary>
    public TimeSpan ReconnectInterval { get; set; } = DefaultReconnectInterval;

    /// <summary>How often partition ownership is re-checked besides each membership change (it also restarts a failed consumer).</summary>
    public TimeSpan RebalanceInterval { get; set; } = DefaultRebalanceInterval;

    /// <summary>PostgreSQL holding the checkpoints and the relay lock: set by the host from <c>ConnectionStrings:Postgres</c>, not bound.</summary>
    public string ConnectionString { get; set; } = "";
}
