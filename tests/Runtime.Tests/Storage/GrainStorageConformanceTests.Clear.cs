using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <content>Clearing records.</content>
public abstract partial class GrainStorageConformanceTests
{
    [Fact]
    public async Task Clear_with_a_stale_etag_throws_and_leaves_the_record()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        var current = new TestGrainState<CounterState>(new CounterState(1));
        await storage.WriteStateAsync("counter", id, current, [], default).WaitAsync(Timeout);
        var staleETag = current.ETag;
        current.State = new CounterState(2);
        await storage.WriteStateAsync("counter", id, current, [], default).WaitAsync(Timeout);

        var stale = new TestGrainState<CounterState>(new CounterState(1)) { ETag = staleETag, RecordExists = true };
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync("counter", id, stale, default).WaitAsync(Timeout));

        Assert.Equal(current.ETag, ex.StoredETag);
        var read = await ReadCounterAsync(storage, id);
        Assert.True(read.RecordExists);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task Clear_then_write_creates_the_record_again_and_never_reuses_an_etag()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        var state = new TestGrainState<CounterState>(new CounterState(1));
        await storage.WriteStateAsync("counter", id, state, [], default).WaitAsync(Timeout);
        var beforeClear = state.ETag;

        await storage.ClearStateAsync("counter", id, state, default).WaitAsync(Timeout);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.False((await ReadCounterAsync(storage, id)).RecordExists);

        state.State = new CounterState(3);
        await storage.WriteStateAsync("counter", id, state, [], default).WaitAsync(Timeout);
        Assert.True(state.RecordExists);
        Assert.NotEqual(beforeClear, state.ETag);
        Assert.Equal(3, (await ReadCounterAsync(storage, id)).State.Value);

        // An activation that read before the clear must not overwrite the re-created record.
        var stale = new TestGrainState<CounterState>(new CounterState(9)) { ETag = beforeClear, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("counter", id, stale, [], default).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Clear_of_a_missing_record_with_a_null_etag_is_a_no_op()
    {
        var storage = await OpenAsync();
        var state = new TestGrainState<CounterState>(new CounterState(1));

        await storage.ClearStateAsync("counter", new GrainId("counter", "never"), state, default).WaitAsync(Timeout);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Clear_with_a_null_etag_when_a_record_exists_throws()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        await storage.WriteStateAsync("counter", id, new TestGrainState<CounterState>(new CounterState(1)), [], default)
            .WaitAsync(Timeout);

        var unaware = new TestGrainState<CounterState>(new CounterState(0));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync("counter", id, unaware, default).WaitAsync(Timeout));
        Assert.True((await ReadCounterAsync(storage, id)).RecordExists);
    }
}
