using Confluent.Kafka;
using Orleans.Runtime;

namespace Playbound.Streaming.Kafka.Tests;

/// <summary>The options validator and the client settings the delivery contract depends on.</summary>
public sealed class KafkaConfigurationTests
{
    private static KafkaStreamOptions Valid() => new() { BootstrapServers = "127.0.0.1:9092", Topic = "events" };

    public static TheoryData<string, Action<KafkaStreamOptions>> Invalid => new()
    {
        { "BootstrapServers", o => o.BootstrapServers = "" },
        { "Topic", o => o.Topic = " " },
        { "Partitions", o => o.Partitions = 0 },
        { "DeadLetterTopic", o => o.DeadLetterTopic = "events" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void The_validator_rejects_options_that_cannot_work(string property, Action<KafkaStreamOptions> breakIt)
    {
        var options = Valid();
        breakIt(options);

        var error = Assert.Throws<OrleansConfigurationException>(() => new KafkaStreamOptionsValidator(options, "p").ValidateConfiguration());
        Assert.Contains(property, error.Message);
    }

    [Fact]
    public void The_validator_accepts_the_documented_defaults_once_servers_and_topic_are_set()
    {
        var options = Valid();
        new KafkaStreamOptionsValidator(options, "p").ValidateConfiguration();

        Assert.Equal(KafkaStreamOptions.DefaultPartitions, options.Partitions);
        Assert.Equal("events.dead-letters", options.ResolveDeadLetterTopic());
        Assert.Equal("playbound.streams.p", options.ResolveConsumerGroupId("p"));
    }

    [Fact]
    public void The_producer_is_idempotent_and_waits_for_all_replicas_even_if_extra_properties_say_otherwise()
    {
        var options = Valid();
        options.ClientProperties["enable.idempotence"] = "false";
        options.ClientProperties["acks"] = "1";

        var config = KafkaClientConfig.ForProducer(options);

        Assert.True(config.EnableIdempotence);
        Assert.Equal(Acks.All, config.Acks);
    }

    [Fact]
    public void The_consumer_never_commits_or_stores_offsets_by_itself()
    {
        var options = Valid();
        options.ClientProperties["enable.auto.commit"] = "true";

        var config = KafkaClientConfig.ForConsumer(options, "group");

        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal("group", config.GroupId);
    }
}
