using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <content>The outbox half of a provider.</content>
public abstract partial class GrainStorageConformanceTests
{
    [Fact]
    public async Task Events_written_with_state_appear_in_the_outbox_in_order()
    {
        var storage = await OpenAsync();
        var outbox = (IOutboxStore)storage;
        var id = new GrainId("counter", "a");
        var state = new TestGrainState<CounterState>(new CounterState(1));
        OutboxEvent[] first = [NewEvent("e1", "posts"), NewEvent("e2", "likes"), NewEvent("e3", "posts")];
        OutboxEvent[] second = [NewEvent("e4"), NewEvent("e5")];

        await storage.WriteStateAsync("counter", id, state, first, default).WaitAsync(Timeout);
        state.State = new CounterState(2);
        await storage.WriteStateAsync("counter", id, state, second, default).WaitAsync(Timeout);

        var pending = await outbox.ReadPendingAsync(100, default).WaitAsync(Timeout);
        AssertEvents([.. first, .. second], pending);
    }

    [Fact]
    public async Task Append_alone_adds_events_in_order_and_delete_removes_them()
    {
        var storage = await OpenAsync();
        var outbox = (IOutboxStore)storage;
        OutboxEvent[] appended = [NewEvent("a1"), NewEvent("a2"), NewEvent("a3"), NewEvent("a4")];

        await outbox.AppendAsync(appended[..2], default).WaitAsync(Timeout);
        await outbox.AppendAsync(appended[2..], default).WaitAsync(Timeout);
        var pending = await outbox.ReadPendingAsync(100, default).WaitAsync(Timeout);
        AssertEvents(appended, pending);

        await outbox.DeleteAsync([pending[0].Sequence, pending[2].Sequence], default).WaitAsync(Timeout);
        AssertEvents([appended[1], appended[3]], await outbox.ReadPendingAsync(100, default).WaitAsync(Timeout));

        await outbox.DeleteAsync([pending[1].Sequence, pending[3].Sequence], default).WaitAsync(Timeout);
        Assert.Empty(await outbox.ReadPendingAsync(100, default).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Read_pending_returns_at_most_max_count_oldest_first()
    {
        var outbox = (IOutboxStore)await OpenAsync();
        OutboxEvent[] appended = [NewEvent("o1"), NewEvent("o2"), NewEvent("o3")];
        await outbox.AppendAsync(appended, default).WaitAsync(Timeout);

        AssertEvents(appended[..2], await outbox.ReadPendingAsync(2, default).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Outbox_entries_carry_a_creation_time()
    {
        var outbox = (IOutboxStore)await OpenAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await outbox.AppendAsync([NewEvent("t")], default).WaitAsync(Timeout);

        var entry = Assert.Single(await outbox.ReadPendingAsync(10, default).WaitAsync(Timeout));

        Assert.InRange(entry.CreatedAt, before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Committing_events_signals_the_relay()
    {
        var storage = await OpenAsync();
        await storage.WriteStateAsync(
            "counter", new GrainId("counter", "a"), new TestGrainState<CounterState>(new CounterState(1)), [NewEvent("s")], default)
            .WaitAsync(Timeout);

        Assert.True(await Signal.WaitAsync(Timeout, default));

        await ((IOutboxStore)storage).AppendAsync([NewEvent("s2")], default).WaitAsync(Timeout);
        Assert.True(await Signal.WaitAsync(Timeout, default));
    }

    private static void AssertEvents(IReadOnlyList<OutboxEvent> expected, IReadOnlyList<OutboxEntry> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Namespace, actual[i].Event.Namespace);
            Assert.Equal(expected[i].Key, actual[i].Event.Key);
            Assert.Equal(expected[i].EventId, actual[i].Event.EventId);
            Assert.Equal(expected[i].Payload, actual[i].Event.Payload);
            if (i > 0)
            {
                Assert.True(actual[i].Sequence > actual[i - 1].Sequence, "Outbox sequences must increase.");
            }
        }
    }
}
