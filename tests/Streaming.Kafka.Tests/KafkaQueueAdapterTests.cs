using Orleans.Streams;
using Playbound.TestKit.Kafka;
using Playbound.TestKit.Streaming;

namespace Playbound.Streaming.Kafka.Tests;

/// <summary>The queue adapter conformance suite against Kafka (the mock cluster, as a child process).</summary>
public sealed class KafkaQueueAdapterTests : QueueAdapterConformance, IClassFixture<KafkaMockFixture>, IAsyncLifetime
{
    private readonly KafkaTestContext _context;

    public KafkaQueueAdapterTests(KafkaMockFixture kafka) => _context = new KafkaTestContext(kafka);

    protected override Task<IQueueAdapterFactory> CreateFactoryAsync() => Task.FromResult<IQueueAdapterFactory>(_context.CreateFactory());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
