using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Playbound.TestKit.Persistence;

/// <summary>The state the grain storage conformance suite writes.</summary>
[GenerateSerializer, Alias("playbound.testkit.probe-state")]
public sealed class ProbeState
{
    /// <summary>A counter that differs between writes.</summary>
    [Id(0)] public int Version { get; set; }

    /// <summary>A payload with text and a list, so both survive the round trip.</summary>
    [Id(1)] public string Text { get; set; } = "";

    /// <summary>A collection value.</summary>
    [Id(2)] public List<long> Items { get; set; } = [];
}

/// <summary>
/// What every <see cref="IGrainStorage"/> Playbound runs on must do: read back what was written, refuse a write or
/// clear with a stale ETag, keep grains and state names apart, survive a reopen, and take many concurrent writes.
/// Run against our SQLite storage and against Orleans' Redis storage, so both modes keep one contract.
/// </summary>
public abstract class GrainStorageConformance
{
    private const string StateName = "probe";

    /// <summary>A storage over the provider's store; called again within a test to act as a restarted silo.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync();

    [Fact]
    public async Task A_state_never_written_reads_as_default_without_an_etag()
    {
        var storage = await CreateStorageAsync();
        var state = new GrainState<ProbeState>(new ProbeState());

        await storage.ReadStateAsync(StateName, NewGrain(), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State!.Version);
    }

    [Fact]
    public async Task A_written_state_reads_back_after_a_reopen()
    {
        var grain = NewGrain();
        var written = new GrainState<ProbeState>(new ProbeState { Version = 7, Text = "héllo", Items = [1, 2, 3] });
        await (await CreateStorageAsync()).WriteStateAsync(StateName, grain, written);

        var read = new GrainState<ProbeState>(new ProbeState());
        await (await CreateStorageAsync()).ReadStateAsync(StateName, grain, read);

        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal((7, "héllo"), (read.State!.Version, read.State.Text));
        Assert.Equal([1L, 2, 3], read.State!.Items);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var first = new GrainState<ProbeState>(new ProbeState { Version = 1 });
        await storage.WriteStateAsync(StateName, grain, first);
        var stale = new GrainState<ProbeState>(new ProbeState { Version = 99 }) { ETag = first.ETag };
        first.State!.Version = 2;
        await storage.WriteStateAsync(StateName, grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(2, read.State!.Version);
    }

    [Fact]
    public async Task A_first_write_is_refused_when_the_record_already_exists()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, new GrainState<ProbeState>(new ProbeState { Version = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync(StateName, grain, new GrainState<ProbeState>(new ProbeState { Version = 2 })));
    }

    [Fact]
    public async Task A_cleared_state_reads_as_default_and_can_be_written_again()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var state = new GrainState<ProbeState>(new ProbeState { Version = 1 });
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);
        var read = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Version);

        state.State = new ProbeState { Version = 3 };
        await storage.WriteStateAsync(StateName, grain, state);
        await storage.ReadStateAsync(StateName, grain, read);
        Assert.Equal(3, read.State!.Version);
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_refused()
    {
        var storage = await CreateStorageAsync();
        var grain = NewGrain();
        var state = new GrainState<ProbeState>(new ProbeState { Version = 1 });
        await storage.WriteStateAsync(StateName, grain, state);
        var stale = new GrainState<ProbeState>(new ProbeState()) { ETag = state.ETag };
        await storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));
    }

    [Fact]
    public async Task Grains_and_state_names_are_kept_apart()
    {
        var storage = await CreateStorageAsync();
        var key = Guid.NewGuid();
        var grains = new[] { GrainId.Create("probe-a", key.ToString()), GrainId.Create("probe-b", key.ToString()) };
        await storage.WriteStateAsync(StateName, grains[0], new GrainState<ProbeState>(new ProbeState { Version = 1 }));
        await storage.WriteStateAsync(StateName, grains[1], new GrainState<ProbeState>(new ProbeState { Version = 2 }));
        await storage.WriteStateAsync("other", grains[0], new GrainState<ProbeState>(new ProbeState { Version = 3 }));

        var versions = new[]
        {
            await ReadVersionAsync(storage, StateName, grains[0]),
            await ReadVersionAsync(storage, StateName, grains[1]),
            await ReadVersionAsync(storage, "other", grains[0]),
        };
        Assert.Equal([1, 2, 3], versions);
    }

    [Fact]
    public async Task Many_concurrent_writes_all_persist()
    {
        var storage = await CreateStorageAsync();
        var grains = Enumerable.Range(0, 300).Select(_ => NewGrain()).ToList();

        await Task.WhenAll(grains.Select(async (grain, i) =>
        {
            var state = new GrainState<ProbeState>(new ProbeState { Version = i });
            await storage.WriteStateAsync(StateName, grain, state);
            state.State!.Version = i + 1000;
            await storage.WriteStateAsync(StateName, grain, state);
        }));

        var reopened = await CreateStorageAsync();
        for (var i = 0; i < grains.Count; i++)
        {
            Assert.Equal(i + 1000, await ReadVersionAsync(reopened, StateName, grains[i]));
        }
    }

    private static GrainId NewGrain() => GrainId.Create("probe", Guid.NewGuid().ToString("N"));

    private static async Task<int> ReadVersionAsync(IGrainStorage storage, string stateName, GrainId grain)
    {
        var state = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(stateName, grain, state);
        return state.State!.Version;
    }
}
