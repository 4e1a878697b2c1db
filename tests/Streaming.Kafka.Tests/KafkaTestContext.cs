using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using Playbound.TestKit.Kafka;
using Playbound.TestKit.Streaming;

namespace Playbound.Streaming.Kafka.Tests;

/// <summary>Builds provider parts against a class's Kafka mock, outside any silo, and cleans them up.</summary>
internal sealed class KafkaTestContext : IAsyncDisposable
{
    public const string ProviderName = "kafka-test";

    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(KafkaBatchContainer).Assembly))
        .BuildServiceProvider();

    private readonly KafkaMockFixture _kafka;
    private readonly List<IDisposable> _owned = [];

    public KafkaTestContext(KafkaMockFixture kafka) => _kafka = kafka;

    public KafkaStreamOptions Options => new()
    {
        BootstrapServers = _kafka.BootstrapServers,
        Topic = _kafka.Topic,
        Partitions = _kafka.Partitions,
        DeadLetterTopic = _kafka.DeadLetterTopic,
        ConsumerGroupId = "group-" + _kafka.Topic,
    };

    public Serializer Serializer => Services.GetRequiredService<Serializer>();

    /// <summary>A factory as a (re)started silo builds it: same topic, same consumer group.</summary>
    public KafkaQueueAdapterFactory CreateFactory()
    {
        var factory = new KafkaQueueAdapterFactory(
            ProviderName, Options, new SimpleQueueCacheOptions(), Serializer, NullLoggerFactory.Instance, TimeProvider.System);
        _owned.Add(factory);
        return factory;
    }

    public IProducer<byte[], byte[]> CreateRawProducer()
    {
        var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        _owned.Add(producer);
        return producer;
    }

    /// <summary>The offset the provider's consumer group committed for <paramref name="partition"/>, read as an operator would.</summary>
    public long CommittedOffset(int partition)
    {
        var config = new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = Options.ConsumerGroupId };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var committed = consumer.Committed([new TopicPartition(_kafka.Topic, partition)], TimeSpan.FromSeconds(10)).Single();
        return committed.Offset.Value;
    }

    /// <summary>Every record of the dead-letter topic, read from its start with a fresh consumer.</summary>
    public IReadOnlyList<ConsumeResult<byte[], byte[]>> ReadDeadLetterRecords() => ReadAll(_kafka.BootstrapServers, _kafka.DeadLetterTopic);

    public static IReadOnlyList<ConsumeResult<byte[], byte[]>> ReadAll(string bootstrapServers, string topic)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "reader-" + Guid.NewGuid(), EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var partition = new TopicPartition(topic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High.Value;
        var records = new List<ConsumeResult<byte[], byte[]>>();
        if (end == 0)
        {
            return records;
        }

        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && (records.Count == 0 || records[^1].Offset.Value < end - 1))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public static DeadLetter ToDeadLetter(ConsumeResult<byte[], byte[]> record) =>
        new(StreamId.Parse(System.Text.Encoding.UTF8.GetBytes(Header(record, "playbound-stream-id") ?? "none/none")),
            Header(record, "playbound-error") ?? "");

    public static string? Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? System.Text.Encoding.UTF8.GetString(value) : null;

    public static async Task<IQueueAdapterReceiver> StartReceiverAsync(IQueueAdapterFactory factory, IQueueAdapter adapter, StreamId stream)
    {
        var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetQueueForStream(stream));
        await receiver.Initialize(TimeSpan.FromSeconds(10), CancellationToken.None);
        return receiver;
    }

    /// <summary>Reads until <paramref name="count"/> batches of <paramref name="stream"/> arrived, acknowledging other streams' batches at once.</summary>
    public static async Task<List<KafkaBatchContainer>> ReadOwnAsync(IQueueAdapterReceiver receiver, StreamId stream, int count)
    {
        var mine = new List<KafkaBatchContainer>();
        await Eventually.TrueAsync(async () =>
        {
            var batch = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
            var others = batch.Where(b => b.StreamId != stream).ToList();
            mine.AddRange(batch.Where(b => b.StreamId == stream).Cast<KafkaBatchContainer>());
            if (others.Count > 0)
            {
                await receiver.MessagesDeliveredAsync(others, CancellationToken.None);
            }

            return mine.Count >= count;
        }, $"{count} batches of {stream} were read");
        return mine;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
