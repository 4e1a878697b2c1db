using System.Globalization;
using Confluent.Kafka;

namespace Playbound.Streaming.Kafka;

/// <summary>Builds the Confluent client configurations; the delivery contract's settings are applied last so nothing overrides them.</summary>
internal static class KafkaClientConfig
{
    /// <summary>An idempotent producer acknowledged by all in-sync replicas: a retried send never duplicates or reorders a partition.</summary>
    public static ProducerConfig ForProducer(KafkaStreamOptions options)
    {
        var config = new ProducerConfig(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            LingerMs = options.ProducerLinger.TotalMilliseconds,
        };
        config.EnableIdempotence = true;
        config.Acks = Acks.All;
        return config;
    }

    /// <summary>
    /// A consumer that never commits or stores offsets by itself: the receiver commits a partition's offset only once
    /// Orleans reported everything before it delivered. The group id is used for those commits only.
    /// </summary>
    public static ConsumerConfig ForConsumer(KafkaStreamOptions options, string groupId)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            FetchWaitMaxMs = (int)options.ConsumerFetchWaitMax.TotalMilliseconds,
        };
        config.GroupId = groupId;
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnablePartitionEof = false;
        // Tag clients so broker-side logs and quotas can tell the provider's connections apart.
        config.ClientId ??= "playbound-streams-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        return config;
    }
}
