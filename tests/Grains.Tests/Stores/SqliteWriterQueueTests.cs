using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Sqlite;

namespace Playbound.Grains.Tests.Stores;

public class SqliteWriterQueueTests
{
    private readonly SqliteWriterQueue _queue = new();
    private readonly List<string> _order = [];

    [Fact]
    public async Task The_turn_is_free_until_taken_and_free_again_once_passed_on()
    {
        var first = await _queue.EnterAsync(WritePriority.Bulk, default);
        var second = _queue.EnterAsync(WritePriority.Interactive, default).AsTask();
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        (await _queue.EnterAsync(WritePriority.Interactive, default).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task Interactive_writes_go_ahead_of_bulk_writes_queued_before_them()
    {
        var running = await _queue.EnterAsync(WritePriority.Bulk, default);
        var waiting = new[]
        {
            Take("bulk 1", WritePriority.Bulk), Take("bulk 2", WritePriority.Bulk),
            Take("post", WritePriority.Interactive), Take("like", WritePriority.Interactive),
        };

        running.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["post", "like", "bulk 1", "bulk 2"], _order);
    }

    [Fact]
    public async Task A_waiting_bulk_write_gets_the_turn_after_a_run_of_interactive_ones()
    {
        var running = await _queue.EnterAsync(WritePriority.Interactive, default);
        var waiting = new List<Task> { Take("bulk", WritePriority.Bulk) };
        for (var i = 0; i <= SqliteWriterQueue.InteractiveTurnsPerBulkTurn; i++)
        {
            waiting.Add(Take($"interactive {i}", WritePriority.Interactive));
        }

        running.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SqliteWriterQueue.InteractiveTurnsPerBulkTurn, _order.IndexOf("bulk"));
        Assert.Equal($"interactive {SqliteWriterQueue.InteractiveTurnsPerBulkTurn}", _order[^1]);
    }

    [Fact]
    public async Task A_cancelled_waiter_fails_and_its_turn_goes_to_the_next()
    {
        var running = await _queue.EnterAsync(WritePriority.Interactive, default);
        using var cancellation = new CancellationTokenSource();
        var cancelled = _queue.EnterAsync(WritePriority.Interactive, cancellation.Token).AsTask();
        var next = Take("next", WritePriority.Bulk);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        running.Dispose();
        await next.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["next"], _order);
    }

    [Fact]
    public async Task Passing_a_turn_on_twice_hands_out_one_turn()
    {
        var running = await _queue.EnterAsync(WritePriority.Interactive, default);
        var second = _queue.EnterAsync(WritePriority.Interactive, default).AsTask();
        var third = _queue.EnterAsync(WritePriority.Interactive, default).AsTask();

        running.Dispose();
        running.Dispose();
        await second.WaitAsync(TimeSpan.FromSeconds(10));

        await Task.Delay(100);
        Assert.False(third.IsCompleted);
    }

    /// <summary>Waits for a turn, records it, and passes it on.</summary>
    private async Task Take(string name, WritePriority priority)
    {
        using var turn = await _queue.EnterAsync(priority, default);
        _order.Add(name);
    }
}
