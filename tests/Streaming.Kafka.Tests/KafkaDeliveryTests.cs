using System.Text;
using Confluent.Kafka;
using Orleans.Runtime;
using Orleans.Streams;
using Playbound.TestKit.Kafka;

namespace Playbound.Streaming.Kafka.Tests;

/// <summary>Kafka-specific delivery behaviour: malformed records, poison events and the committed watermark.</summary>
public sealed class KafkaDeliveryTests : IClassFixture<KafkaMockFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly KafkaMockFixture _kafka;
    private readonly KafkaTestContext _context;

    public KafkaDeliveryTests(KafkaMockFixture kafka)
    {
        _kafka = kafka;
        _context = new KafkaTestContext(kafka);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_malformed_record_is_dead_lettered_with_its_error_and_later_events_of_its_partition_still_arrive()
    {
        var factory = _context.CreateFactory();
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("malformed", Guid.NewGuid());
        var partition = PartitionOf(factory, stream);
        var key = Encoding.UTF8.GetBytes(stream.ToString());
        var raw = _context.CreateRawProducer();
        var garbage = await raw.ProduceAsync(partition, new Message<byte[], byte[]>
        {
            Key = key,
            Value = Encoding.UTF8.GetBytes("this is not an Orleans-serialized batch"),
            Headers = new Headers { { "playbound-format", "1"u8.ToArray() } },
        });
        var future = await raw.ProduceAsync(partition, new Message<byte[], byte[]>
        {
            Key = key,
            Value = [1, 2, 3],
            Headers = new Headers { { "playbound-format", "99"u8.ToArray() } },
        });
        await adapter.QueueMessageBatchAsync(stream, [7], null, null);

        var receiver = await KafkaTestContext.StartReceiverAsync(factory, adapter, stream);
        var read = await KafkaTestContext.ReadOwnAsync(receiver, stream, count: 1);
        await receiver.MessagesDeliveredAsync(read.Cast<IBatchContainer>().ToList(), CancellationToken.None);
        await receiver.Shutdown(Timeout, CancellationToken.None);

        Assert.Equal([7], read.SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1));
        var parked = _context.ReadDeadLetterRecords().Where(r => KafkaTestContext.Header(r, "playbound-stream-id") == stream.ToString()).ToList();
        Assert.Equal([garbage.Offset.Value, future.Offset.Value], parked.Select(r => long.Parse(KafkaTestContext.Header(r, "playbound-original-offset")!)));
        Assert.All(parked, r =>
        {
            Assert.Equal(_kafka.Topic, KafkaTestContext.Header(r, "playbound-original-topic"));
            Assert.Equal(partition.Partition.Value.ToString(), KafkaTestContext.Header(r, "playbound-original-partition"));
        });
        Assert.Contains("does not deserialize", KafkaTestContext.Header(parked[0], "playbound-error"));
        Assert.Contains("unknown record format version '99'", KafkaTestContext.Header(parked[1], "playbound-error"));
        Assert.Equal(Encoding.UTF8.GetBytes("this is not an Orleans-serialized batch"), parked[0].Message.Value);
        // The partition's offset moved over the parked records: a restarted silo does not trip on them again.
        Assert.True(_context.CommittedOffset(partition.Partition.Value) > read.Single().SequenceToken.SequenceNumber);
    }

    [Fact]
    public async Task The_committed_offset_is_the_contiguous_watermark_of_out_of_order_deliveries()
    {
        var factory = _context.CreateFactory();
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("watermark", Guid.NewGuid());
        var partition = PartitionOf(factory, stream).Partition.Value;
        for (var i = 0; i < 4; i++)
        {
            await adapter.QueueMessageBatchAsync(stream, [i], null, null);
        }

        var receiver = await KafkaTestContext.StartReceiverAsync(factory, adapter, stream);
        var read = await KafkaTestContext.ReadOwnAsync(receiver, stream, count: 4);
        var offsets = read.Select(b => b.SequenceToken.SequenceNumber).ToList();

        // Delivered: 1 and 3. Nothing is committable past 0, which is still in flight.
        await receiver.MessagesDeliveredAsync([read[1], read[3]], CancellationToken.None);
        Assert.True(_context.CommittedOffset(partition) <= offsets[0], "the offset passed an undelivered record");

        // Delivered: 0 too. Records 0 and 1 are released; 2 holds the watermark.
        await receiver.MessagesDeliveredAsync([read[0]], CancellationToken.None);
        Assert.Equal(offsets[2], _context.CommittedOffset(partition));

        // Delivered: 2. Everything is released: the committed offset is the one after the last record (offset + 1).
        await receiver.MessagesDeliveredAsync([read[2]], CancellationToken.None);
        Assert.Equal(offsets[3] + 1, _context.CommittedOffset(partition));
        await receiver.Shutdown(Timeout, CancellationToken.None);
    }

    [Fact]
    public async Task An_event_Orleans_gave_up_on_is_dead_lettered_by_the_failure_handler_and_released()
    {
        var factory = _context.CreateFactory();
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("poison", Guid.NewGuid());
        var queue = factory.GetStreamQueueMapper().GetQueueForStream(stream);
        var partition = PartitionOf(factory, stream).Partition.Value;
        await adapter.QueueMessageBatchAsync(stream, ["poison"], null, null);
        await adapter.QueueMessageBatchAsync(stream, ["good"], null, null);

        var receiver = await KafkaTestContext.StartReceiverAsync(factory, adapter, stream);
        var read = await KafkaTestContext.ReadOwnAsync(receiver, stream, count: 2);
        // As Orleans' cache does: the good event is reported delivered, the failed one never is.
        await receiver.MessagesDeliveredAsync([read[1]], CancellationToken.None);
        Assert.True(_context.CommittedOffset(partition) <= read[0].SequenceToken.SequenceNumber);

        var handler = await factory.GetDeliveryFailureHandler(queue);
        Assert.False(handler.ShouldFaultSubsriptionOnError);
        await handler.OnDeliveryFailure(GuidId.GetNewGuidId(), KafkaTestContext.ProviderName, stream, read[0].SequenceToken);
        // A second subscription failing on the same event parks nothing more.
        await handler.OnDeliveryFailure(GuidId.GetNewGuidId(), KafkaTestContext.ProviderName, stream, read[0].SequenceToken);

        Assert.Equal(read[1].SequenceToken.SequenceNumber + 1, _context.CommittedOffset(partition));
        await receiver.Shutdown(Timeout, CancellationToken.None);
        var parked = Assert.Single(_context.ReadDeadLetterRecords(), r => KafkaTestContext.Header(r, "playbound-stream-id") == stream.ToString());
        Assert.Contains("MaxEventDeliveryTime", KafkaTestContext.Header(parked, "playbound-error"));
        Assert.Equal(read[0].SequenceToken.SequenceNumber.ToString(), KafkaTestContext.Header(parked, "playbound-original-offset"));
        var body = _context.Serializer.Deserialize<KafkaMessageBody>(parked.Message.Value);
        Assert.Equal(["poison"], body!.Events);
    }

    private static TopicPartition PartitionOf(KafkaQueueAdapterFactory factory, StreamId stream)
    {
        var mapper = (HashRingBasedPartitionedStreamQueueMapper)factory.GetStreamQueueMapper();
        return new TopicPartition(factory.Topic, new Partition(int.Parse(mapper.QueueToPartition(mapper.GetQueueForStream(stream)))));
    }
}
