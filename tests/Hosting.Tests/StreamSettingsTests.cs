using Microsoft.Extensions.Configuration;
using Playbound.Streaming.Kafka;

namespace Playbound.Hosting.Tests;

public sealed class StreamSettingsTests
{
    [Fact]
    public void The_kafka_section_binds_onto_the_provider_options()
    {
        var options = new KafkaStreamOptions();

        StreamSettings.BindKafka(Configuration(
            ("Playbound:Streams:Kafka:BootstrapServers", "kafka-0:9092,kafka-1:9092"),
            ("Playbound:Streams:Kafka:Topic", "social-events"),
            ("Playbound:Streams:Kafka:Partitions", "12"),
            ("Playbound:Streams:Kafka:DeadLetterTopic", "social-events.dead"),
            ("Playbound:Streams:Kafka:ConsumerGroupId", "silos"),
            ("Playbound:Streams:Kafka:ProducerLinger", "00:00:00.020"),
            ("Playbound:Streams:Kafka:ClientProperties:security.protocol", "SASL_SSL")), options);

        Assert.Equal(
            ("kafka-0:9092,kafka-1:9092", "social-events", 12, "social-events.dead", "silos", TimeSpan.FromMilliseconds(20)),
            (options.BootstrapServers, options.Topic, options.Partitions, options.DeadLetterTopic, options.ConsumerGroupId, options.ProducerLinger));
        Assert.Equal("SASL_SSL", options.ClientProperties["security.protocol"]);
    }

    [Fact]
    public void Without_a_topic_the_default_topic_is_used_and_other_defaults_stay()
    {
        var options = new KafkaStreamOptions();

        StreamSettings.BindKafka(Configuration(("Playbound:Streams:Kafka:BootstrapServers", "kafka:9092")), options);

        Assert.Equal((StreamSettings.DefaultTopic, KafkaStreamOptions.DefaultPartitions), (options.Topic, options.Partitions));
        Assert.Equal("playbound-events", StreamSettings.DefaultTopic);
    }

    [Fact]
    public void Settings_outside_the_kafka_section_are_not_bound()
    {
        var options = new KafkaStreamOptions();

        StreamSettings.BindKafka(Configuration(("Playbound:Streams:Topic", "elsewhere"), ("Kafka:Topic", "elsewhere")), options);

        Assert.Equal(StreamSettings.DefaultTopic, options.Topic);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
