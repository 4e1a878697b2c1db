using Orleans;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Settings of one Kafka stream provider. Each Orleans queue is one partition of <see cref="Topic"/>; the topic (and
/// <see cref="DeadLetterTopic"/>) must exist with at least <see cref="Partitions"/> partitions: the provider never
/// creates topics, operations do.
/// </summary>
public sealed class KafkaStreamOptions
{
    /// <summary>Default of <see cref="Partitions"/>.</summary>
    public const int DefaultPartitions = 8;

    /// <summary>Appended to <see cref="Topic"/> when <see cref="DeadLetterTopic"/> is not set.</summary>
    public const string DefaultDeadLetterTopicSuffix = ".dead-letters";

    /// <summary>Prefixed to the provider name when <see cref="ConsumerGroupId"/> is not set.</summary>
    public const string DefaultConsumerGroupIdPrefix = "playbound.streams.";

    /// <summary>Default of <see cref="ProducerLinger"/>, in milliseconds.</summary>
    public const int DefaultProducerLingerMilliseconds = 5;

    /// <summary>Default of <see cref="ConsumerFetchWaitMax"/>, in milliseconds.</summary>
    public const int DefaultConsumerFetchWaitMaxMilliseconds = 100;

    /// <summary>Default of <see cref="OperationTimeout"/>, in seconds.</summary>
    public const int DefaultOperationTimeoutSeconds = 10;

    /// <summary>Kafka's bootstrap.servers: comma-separated host:port pairs. Required.</summary>
    /// <remarks>Playbound binds it from <c>Playbound:Streams:Kafka:BootstrapServers</c>.</remarks>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The topic carrying the events; one partition per Orleans queue. Required.</summary>
    public string Topic { get; set; } = "";

    /// <summary>
    /// How many partitions of <see cref="Topic"/> the provider uses, hence how many Orleans queues there are. Every
    /// silo and client must agree on it, and changing it moves streams to other partitions: choose it once per topic.
    /// </summary>
    public int Partitions { get; set; } = DefaultPartitions;

    /// <summary>Where undeliverable and malformed events are parked; <see cref="Topic"/> + <see cref="DefaultDeadLetterTopicSuffix"/> when null.</summary>
    public string? DeadLetterTopic { get; set; }

    /// <summary>
    /// The consumer group whose committed offsets record how far each partition was delivered;
    /// <see cref="DefaultConsumerGroupIdPrefix"/> + the provider name when null. Used for offsets only: partitions are
    /// assigned by Orleans' queue balancer, never by Kafka's group rebalancing.
    /// </summary>
    public string? ConsumerGroupId { get; set; }

    /// <summary>How long the producer waits to batch messages (linger.ms): a little latency for much throughput.</summary>
    public TimeSpan ProducerLinger { get; set; } = TimeSpan.FromMilliseconds(DefaultProducerLingerMilliseconds);

    /// <summary>How long a broker may hold a fetch request open when it has no new data (fetch.wait.max.ms).</summary>
    public TimeSpan ConsumerFetchWaitMax { get; set; } = TimeSpan.FromMilliseconds(DefaultConsumerFetchWaitMaxMilliseconds);

    /// <summary>Upper bound on blocking broker round trips the provider makes (reading committed offsets).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(DefaultOperationTimeoutSeconds);

    /// <summary>
    /// Extra librdkafka properties for both the producer and the consumer (security.protocol, sasl.*, ssl.*, ...).
    /// They cannot override the settings the delivery contract depends on (idempotence, acks, manual commits).
    /// </summary>
    [Redact]
    public IDictionary<string, string> ClientProperties { get; } = new Dictionary<string, string>();

    internal string ResolveDeadLetterTopic() => DeadLetterTopic ?? Topic + DefaultDeadLetterTopicSuffix;

    internal string ResolveConsumerGroupId(string providerName) => ConsumerGroupId ?? DefaultConsumerGroupIdPrefix + providerName;
}
