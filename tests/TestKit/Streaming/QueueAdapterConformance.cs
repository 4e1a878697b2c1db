using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.TestKit.Streaming;

/// <summary>
/// What every queue adapter of ours must do, checked at the adapter level (no silo): events come back in order with
/// their payload, a message stays in its queue until <see cref="IQueueAdapterReceiver.MessagesDeliveredAsync(IList{IBatchContainer}, CancellationToken)"/>
/// says it was delivered, and each stream lives in exactly one queue. A provider's test class derives from this and
/// supplies <see cref="CreateFactoryAsync"/>.
/// </summary>
/// <remarks>
/// Queues may hold other tests' leftovers: every assertion looks only at the test's own stream, and every test
/// acknowledges whatever it read and does not mean to withhold, as Orleans' pulling agent would.
/// </remarks>
public abstract class QueueAdapterConformance
{
    private const string Namespace = "conformance";
    private static readonly TimeSpan ReceiverTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A factory over the provider's queues; called again within a test to act as a restarted silo.</summary>
    protected abstract Task<IQueueAdapterFactory> CreateFactoryAsync();

    [Fact]
    public async Task Events_come_back_in_order_with_their_payload_and_increasing_tokens()
    {
        var factory = await CreateFactoryAsync();
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = NewStream();
        for (var i = 0; i < 20; i++)
        {
            await adapter.QueueMessageBatchAsync(stream, [$"event {i}a", $"event {i}b"], null, null);
        }

        var receiver = await StartReceiverAsync(factory, adapter, stream);
        var batches = await ReadAsync(receiver, stream, count: 20, acknowledge: true);
        await receiver.Shutdown(ReceiverTimeout, CancellationToken.None);

        var events = batches.SelectMany(b => b.GetEvents<string>()).ToList();
        Assert.Equal(Enumerable.Range(0, 20).SelectMany(i => new[] { $"event {i}a", $"event {i}b" }), events.Select(e => e.Item1));
        Assert.All(batches, b => Assert.Equal(stream, b.StreamId));
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Item2.CompareTo(events[i - 1].Item2) > 0, $"token of event {i} does not follow its predecessor's");
        }
    }

    [Fact]
    public async Task Messages_not_reported_delivered_go_to_the_next_receiver()
    {
        var factory = await CreateFactoryAsync();
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = NewStream();
        await QueueNumbersAsync(adapter, stream, 0, 5);

        var first = await StartReceiverAsync(factory, adapter, stream);
        Assert.Equal(5, (await ReadAsync(first, stream, count: 5, acknowledge: false)).Count);
        await first.Shutdown(ReceiverTimeout, CancellationToken.None);

        var again = await ReadAfterRestartAsync(stream, count: 5);

        Assert.Equal(Enumerable.Range(0, 5), again.SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1));
    }

    [Fact]
    public async Task Messages_reported_delivered_are_not_given_out_again()
    {
        var factory = await CreateFactoryAsync();
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = NewStream();
        await QueueNumbersAsync(adapter, stream, 0, 5);

        var first = await StartReceiverAsync(factory, adapter, stream);
        await ReadAsync(first, stream, count: 5, acknowledge: true);
        await first.Shutdown(ReceiverTimeout, CancellationToken.None);

        await QueueNumbersAsync(adapter, stream, 5, 1);
        var after = await ReadAfterRestartAsync(stream, count: 1);

        Assert.Equal([5], after.SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1));
    }

    [Fact]
    public async Task A_message_delivered_out_of_order_does_not_release_an_earlier_undelivered_one()
    {
        var factory = await CreateFactoryAsync();
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = NewStream();
        await QueueNumbersAsync(adapter, stream, 0, 3);

        var first = await StartReceiverAsync(factory, adapter, stream);
        var read = await ReadAsync(first, stream, count: 3, acknowledge: false);
        await first.MessagesDeliveredAsync(read.Skip(1).ToList(), CancellationToken.None);
        await first.Shutdown(ReceiverTimeout, CancellationToken.None);

        var again = await ReadAfterRestartAsync(stream, count: 1);

        // At least once: the withheld message must come back; a log-based queue may repeat the later ones after it.
        Assert.Equal(0, again[0].GetEvents<int>().Single().Item1);
    }

    [Fact]
    public async Task Every_stream_maps_to_exactly_one_stable_queue()
    {
        var factory = await CreateFactoryAsync();
        var mapper = factory.GetStreamQueueMapper();
        var queues = mapper.GetAllQueues().ToList();

        Assert.NotEmpty(queues);
        Assert.Equal(queues.Count, queues.Distinct().Count());
        var used = new HashSet<QueueId>();
        for (var i = 0; i < 200; i++)
        {
            var stream = NewStream();
            var queue = mapper.GetQueueForStream(stream);
            Assert.Contains(queue, queues);
            Assert.Equal(queue, (await CreateFactoryAsync()).GetStreamQueueMapper().GetQueueForStream(stream));
            used.Add(queue);
        }

        Assert.True(used.Count > 1 || queues.Count == 1, "200 streams all landed in one of several queues");
    }

    /// <summary>Reads <paramref name="count"/> batches of <paramref name="stream"/> as a restarted silo would: a new factory over the same queues.</summary>
    private async Task<List<IBatchContainer>> ReadAfterRestartAsync(StreamId stream, int count)
    {
        var restarted = await CreateFactoryAsync();
        var receiver = await StartReceiverAsync(restarted, await restarted.CreateAdapter(CancellationToken.None), stream);
        var batches = await ReadAsync(receiver, stream, count, acknowledge: true);
        await receiver.Shutdown(ReceiverTimeout, CancellationToken.None);
        return batches;
    }

    private static StreamId NewStream() => StreamId.Create(Namespace, Guid.NewGuid());

    private static async Task QueueNumbersAsync(IQueueAdapter adapter, StreamId stream, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await adapter.QueueMessageBatchAsync(stream, [i], null, null);
        }
    }

    private static async Task<IQueueAdapterReceiver> StartReceiverAsync(IQueueAdapterFactory factory, IQueueAdapter adapter, StreamId stream)
    {
        var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetQueueForStream(stream));
        await receiver.Initialize(ReceiverTimeout, CancellationToken.None);
        return receiver;
    }

    /// <summary>Polls until <paramref name="count"/> batches of <paramref name="stream"/> arrived; other streams' batches are acknowledged and dropped.</summary>
    private static async Task<List<IBatchContainer>> ReadAsync(IQueueAdapterReceiver receiver, StreamId stream, int count, bool acknowledge)
    {
        var mine = new List<IBatchContainer>();
        await Eventually.TrueAsync(async () =>
        {
            var batch = await receiver.GetQueueMessagesAsync(100, CancellationToken.None) ?? [];
            var others = batch.Where(b => b.StreamId != stream).ToList();
            var own = batch.Where(b => b.StreamId == stream).ToList();
            mine.AddRange(own);
            var delivered = acknowledge ? batch : others;
            if (delivered.Count > 0)
            {
                await receiver.MessagesDeliveredAsync(delivered.ToList(), CancellationToken.None);
            }

            return mine.Count >= count;
        }, $"{count} batches of stream {stream} were read");
        return mine;
    }
}
