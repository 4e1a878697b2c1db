using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <content>Concurrent writers: duplicate activations and group-committed batches.</content>
public abstract partial class GrainStorageConformanceTests
{
    [Fact]
    public async Task Two_activations_racing_to_update_exactly_one_wins()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "race");
        await storage.WriteStateAsync("counter", id, new TestGrainState<CounterState>(new CounterState(0)), [], default)
            .WaitAsync(Timeout);
        var first = await ReadCounterAsync(storage, id);
        var second = await ReadCounterAsync(storage, id);
        first.State = new CounterState(1);
        second.State = new CounterState(2);

        var outcomes = await Task.WhenAll(TryWriteAsync(storage, id, first), TryWriteAsync(storage, id, second)).WaitAsync(Timeout);

        Assert.Single(outcomes, succeeded => succeeded);
        var winner = outcomes[0] ? first : second;
        var read = await ReadCounterAsync(storage, id);
        Assert.Equal(winner.State.Value, read.State.Value);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Fact]
    public async Task Two_activations_racing_to_create_exactly_one_wins()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "race-create");
        var first = await ReadCounterAsync(storage, id);
        var second = await ReadCounterAsync(storage, id);
        first.State = new CounterState(1);
        second.State = new CounterState(2);

        var outcomes = await Task.WhenAll(TryWriteAsync(storage, id, first), TryWriteAsync(storage, id, second)).WaitAsync(Timeout);

        Assert.Single(outcomes, succeeded => succeeded);
        var winner = outcomes[0] ? first : second;
        Assert.Equal(winner.State.Value, (await ReadCounterAsync(storage, id)).State.Value);
    }

    [Fact]
    public async Task Many_concurrent_writes_with_one_stale_fail_only_the_stale_one()
    {
        const int grains = 200;
        const int staleIndex = 57;
        var storage = await OpenAsync();
        var outbox = (IOutboxStore)storage;
        var ids = Enumerable.Range(0, grains).Select(i => new GrainId("counter", $"g{i}")).ToArray();
        var states = ids.Select(_ => new TestGrainState<CounterState>(new CounterState(0))).ToArray();
        await Task.WhenAll(ids.Select((id, i) => storage.WriteStateAsync("counter", id, states[i], [], default))).WaitAsync(Timeout);

        // Another writer moves the stale grain on, so the copy held in states[staleIndex] is out of date.
        var mover = await ReadCounterAsync(storage, ids[staleIndex]);
        mover.State = new CounterState(-5);
        await storage.WriteStateAsync("counter", ids[staleIndex], mover, [], default).WaitAsync(Timeout);

        var events = ids.Select(id => NewEvent(id.Key)).ToArray();
        var writes = ids.Select((id, i) =>
        {
            states[i].State = new CounterState(i + 1);
            return TryWriteAsync(storage, id, states[i], events[i]);
        }).ToArray();
        var outcomes = await Task.WhenAll(writes).WaitAsync(Timeout);

        Assert.Equal([staleIndex], outcomes.Select((ok, i) => (ok, i)).Where(x => !x.ok).Select(x => x.i));
        for (var i = 0; i < grains; i++)
        {
            var read = await ReadCounterAsync(storage, ids[i]);
            Assert.Equal(i == staleIndex ? -5 : i + 1, read.State.Value);
        }

        var pending = await outbox.ReadPendingAsync(1000, default).WaitAsync(Timeout);
        Assert.Equal(grains - 1, pending.Count);
        Assert.DoesNotContain(pending, entry => entry.Event.EventId == events[staleIndex].EventId);
        Assert.Equal(
            events.Where((_, i) => i != staleIndex).Select(e => e.EventId).Order(),
            pending.Select(entry => entry.Event.EventId).Order());
    }

    [Fact]
    public async Task Disposing_flushes_queued_writes_and_never_hangs()
    {
        const int grains = 300;
        var storage = await CreateProviderAsync();
        var ids = Enumerable.Range(0, grains).Select(i => new GrainId("counter", $"flush{i}")).ToArray();
        var writes = ids
            .Select((id, i) => storage.WriteStateAsync("counter", id, new TestGrainState<CounterState>(new CounterState(i)), [], default))
            .ToArray();

        await ((IAsyncDisposable)storage).DisposeAsync().AsTask().WaitAsync(Timeout);
        await Task.WhenAll(writes).WaitAsync(Timeout);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync(
            "counter", new GrainId("counter", "late"), new TestGrainState<CounterState>(new CounterState(0)), [], default));
        var reopened = await OpenAsync();
        for (var i = 0; i < grains; i++)
        {
            Assert.Equal(i, (await ReadCounterAsync(reopened, ids[i])).State.Value);
        }
    }

    private static async Task<bool> TryWriteAsync(
        IGrainStorage storage, GrainId id, TestGrainState<CounterState> state, params OutboxEvent[] events)
    {
        try
        {
            await storage.WriteStateAsync("counter", id, state, events, default);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }
}
