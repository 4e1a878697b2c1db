using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Streaming.Sqlite.Tests;

/// <summary>A read that finds its queue empty waits for an enqueue by the same process (<see cref="SqliteStreamOptions.AppendWait"/>).</summary>
public sealed class AppendWaitTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), "playbound-tests", $"append-wait-{Guid.NewGuid():N}.db");
    private readonly List<SqliteQueueAdapterFactory> _factories = [];

    [Fact]
    public async Task A_read_of_an_empty_queue_returns_the_event_this_process_enqueues_while_it_waits()
    {
        var (adapter, stream, receiver) = await OpenAsync(Long);

        var read = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var waiting = !read.IsCompleted;
        await adapter.QueueMessageBatchAsync(stream, [42], null, null);
        var batches = await read.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waiting, "the read of the empty queue answered before anything was enqueued");
        Assert.Equal([42], batches.SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1));
    }

    [Fact]
    public async Task Without_waiting_a_read_of_an_empty_queue_answers_nothing_at_once()
    {
        var (_, _, receiver) = await OpenAsync(TimeSpan.Zero);

        var batches = await receiver.GetQueueMessagesAsync(100, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(batches);
    }

    [Fact]
    public async Task Shutting_the_receiver_down_ends_a_waiting_read()
    {
        var (_, _, receiver) = await OpenAsync(Long);
        var read = receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        await receiver.Shutdown(TimeSpan.FromSeconds(5));

        Assert.Empty(await read.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
    }

    private async Task<(IQueueAdapter Adapter, StreamId Stream, IQueueAdapterReceiver Receiver)> OpenAsync(TimeSpan appendWait)
    {
        var factory = SqliteQueueAdapterTests.CreateFactory(_databasePath, appendWait);
        _factories.Add(factory);
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var stream = StreamId.Create("probe", Guid.NewGuid());
        var receiver = adapter.CreateReceiver(factory.GetStreamQueueMapper().GetQueueForStream(stream));
        await receiver.Initialize(TimeSpan.FromSeconds(5));
        return (adapter, stream, receiver);
    }
}
