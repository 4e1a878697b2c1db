using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <content>Operations committed together in one group-commit batch.</content>
public abstract partial class GrainStorageConformanceTests
{
    [Fact]
    public async Task Operations_committed_in_one_batch_are_each_checked_on_their_own()
    {
        var storage = await OpenAsync();
        var outbox = (IOutboxStore)storage;
        GrainId a = new("counter", "a"), b = new("counter", "b"), c = new("counter", "c"), e = new("counter", "e");
        var stateA = new TestGrainState<CounterState>(new(1));
        var stateB = new TestGrainState<CounterState>(new(1));
        var stateC = new TestGrainState<CounterState>(new(1));
        await storage.WriteStateAsync("counter", a, stateA, [], default).WaitAsync(Timeout);
        await storage.WriteStateAsync("counter", b, stateB, [], default).WaitAsync(Timeout);
        var staleB = new TestGrainState<CounterState>(new(0)) { ETag = stateB.ETag, RecordExists = true };
        await storage.WriteStateAsync("counter", b, stateB, [], default).WaitAsync(Timeout);
        await storage.WriteStateAsync("counter", c, stateC, [], default).WaitAsync(Timeout);

        // Two holders of each record stand for duplicate activations; all operations are queued before the writer
        // may take any of them, so the SQL providers commit them in one batch (the memory provider runs them in order).
        var duplicateA = new TestGrainState<CounterState>(new(0)) { ETag = stateA.ETag, RecordExists = true };
        var recreatedC = new TestGrainState<CounterState>(new(30));
        var firstE = new TestGrainState<CounterState>(new(50));
        var secondE = new TestGrainState<CounterState>(new(51));
        OutboxEvent eventA = NewEvent("a"), lostA = NewEvent("lostA"), lostB = NewEvent("lostB");
        OutboxEvent eventC = NewEvent("c"), eventE = NewEvent("e"), lostE = NewEvent("lostE");
        stateA.State = new(10);
        duplicateA.State = new(11);
        staleB.State = new(20);

        var release = (storage as BatchingGrainStorage)?.HoldWriter();
        Task[] operations =
        [
            storage.WriteStateAsync("counter", a, stateA, [eventA], default),
            storage.WriteStateAsync("counter", a, duplicateA, [lostA], default),
            storage.WriteStateAsync("counter", b, staleB, [lostB], default),
            storage.ClearStateAsync("counter", c, stateC, default),
            storage.WriteStateAsync("counter", c, recreatedC, [eventC], default),
            storage.WriteStateAsync("counter", e, firstE, [eventE], default),
            storage.WriteStateAsync("counter", e, secondE, [lostE], default),
            storage.ClearStateAsync("counter", new GrainId("counter", "missing"), new TestGrainState<CounterState>(new(0)), default),
        ];
        release?.Invoke();
        var outcomes = await Task.WhenAll(operations.Select(Outcome)).WaitAsync(Timeout);

        Assert.Equal(["ok", "conflict", "conflict", "ok", "ok", "ok", "conflict", "ok"], outcomes);
        Assert.Equal(10, (await ReadCounterAsync(storage, a)).State.Value);
        Assert.Equal(1, (await ReadCounterAsync(storage, b)).State.Value);
        var readC = await ReadCounterAsync(storage, c);
        Assert.Equal(30, readC.State.Value);
        Assert.Equal(recreatedC.ETag, readC.ETag);
        Assert.Equal(50, (await ReadCounterAsync(storage, e)).State.Value);
        var pending = await outbox.ReadPendingAsync(100, default).WaitAsync(Timeout);
        Assert.Equal([eventA.EventId, eventC.EventId, eventE.EventId], pending.Select(entry => entry.Event.EventId));
    }

    // Built in the test: xUnit would turn unpaired surrogates in theory data into U+FFFD when serializing it.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Text_storage_cannot_keep_is_rejected_without_failing_the_rest_of_the_batch(int textCase)
    {
        var badText = textCase switch
        {
            0 => "nul\0key",
            1 => "lone" + (char)0xD800 + "surrogate",
            _ => "reversed" + (char)0xDC00 + (char)0xD800 + "pair",
        };
        var storage = await OpenAsync();
        var good = new TestGrainState<CounterState>(new(1));

        var release = (storage as BatchingGrainStorage)?.HoldWriter();
        var goodWrite = storage.WriteStateAsync("counter", new GrainId("counter", "good"), good, [NewEvent("good")], default);
        var badKey = storage.WriteStateAsync("counter", new GrainId("counter", badText), new TestGrainState<CounterState>(new(2)), [], default);
        var badEvent = storage.WriteStateAsync(
            "counter", new GrainId("counter", "bad-event"), new TestGrainState<CounterState>(new(3)), [NewEvent(badText)], default);
        release?.Invoke();

        await Assert.ThrowsAsync<ArgumentException>(() => badKey.WaitAsync(Timeout));
        await Assert.ThrowsAsync<ArgumentException>(() => badEvent.WaitAsync(Timeout));
        await goodWrite.WaitAsync(Timeout);
        Assert.True(good.RecordExists);
        Assert.False((await ReadCounterAsync(storage, new GrainId("counter", "bad-event"))).RecordExists);
        Assert.Equal("good", Assert.Single(await ((IOutboxStore)storage).ReadPendingAsync(10, default)).Event.Key);
    }

    [Fact]
    public async Task Well_formed_surrogate_pairs_are_stored()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "emoji-\ud83d\ude00");
        await storage.WriteStateAsync("counter", id, new TestGrainState<CounterState>(new(7)), [], default).WaitAsync(Timeout);

        Assert.Equal(7, (await ReadCounterAsync(storage, id)).State.Value);
    }

    private static async Task<string> Outcome(Task operation)
    {
        try
        {
            await operation;
            return "ok";
        }
        catch (InconsistentStateException)
        {
            return "conflict";
        }
    }
}
