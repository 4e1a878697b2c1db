using Orleans.Hosting;
using Playbound.TestKit.Kafka;
using Playbound.TestKit.Streaming;

namespace Playbound.Streaming.Kafka.Tests;

/// <summary>The stream provider conformance suite: a 2-silo cluster streaming through Kafka.</summary>
public sealed class KafkaStreamProviderTests : StreamProviderConformance, IClassFixture<KafkaMockFixture>
{
    private readonly KafkaMockFixture _kafka;

    public KafkaStreamProviderTests(KafkaMockFixture kafka) => _kafka = kafka;

    protected override void AddStreams(ISiloBuilder silo) =>
        silo.AddKafkaStreams(ProviderName, options =>
        {
            options.BootstrapServers = _kafka.BootstrapServers;
            options.Topic = _kafka.Topic;
            options.Partitions = _kafka.Partitions;
            options.DeadLetterTopic = _kafka.DeadLetterTopic;
        });

    protected override Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync() =>
        Task.Run<IReadOnlyList<DeadLetter>>(() =>
            KafkaTestContext.ReadAll(_kafka.BootstrapServers, _kafka.DeadLetterTopic).Select(KafkaTestContext.ToDeadLetter).ToList());
}
