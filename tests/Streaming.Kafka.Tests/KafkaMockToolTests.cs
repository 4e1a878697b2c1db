using Confluent.Kafka;
using Playbound.TestKit.Kafka;

namespace Playbound.Streaming.Kafka.Tests;

/// <summary>The dev/CI mock tool: publishes where it listens, serves the topics it was asked for, stops cleanly.</summary>
public sealed class KafkaMockToolTests
{
    [Fact]
    public async Task The_tool_writes_its_bootstrap_file_creates_its_topics_and_exits_0_on_SIGTERM()
    {
        var topic = "tool-" + Guid.NewGuid().ToString("N");
        await using var mock = await KafkaMockProcess.StartAsync([(topic, 6)], brokers: 3);

        var servers = (await File.ReadAllTextAsync(mock.BootstrapFile)).Trim().Split(',');
        Assert.Equal(3, servers.Length);
        Assert.All(servers, s => Assert.StartsWith("127.0.0.1:", s));

        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = mock.BootstrapServers }).Build())
        {
            // Partition 5 exists only if the tool created the topic with 6 partitions: the mock auto-creates an
            // unknown topic with 4.
            var result = await producer.ProduceAsync(new TopicPartition(topic, new Partition(5)), new Message<Null, string> { Value = "hello" });
            Assert.Equal(PersistenceStatus.Persisted, result.Status);
        }

        Assert.Equal(0, await mock.StopAsync());
    }
}
