using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Tests.Storage;

/// <summary>
/// The behaviour every grain storage provider must show. Each subclass runs the whole suite against one provider,
/// on a database of its own per test (so tests never see each other's rows or outbox).
/// </summary>
public abstract partial class GrainStorageConformanceTests : IAsyncLifetime
{
    /// <summary>Bounds every await on storage so that a hang fails the test instead of stalling the run.</summary>
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string StateName = "profile";

    private readonly List<IAsyncDisposable> _providers = [];

    /// <summary>The outbox signal handed to every provider this test creates.</summary>
    protected OutboxSignal Signal { get; } = new();

    /// <summary>The serializer handed to every provider this test creates.</summary>
    protected GrainSerializer Serializer { get; } = new();

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync().AsTask().WaitAsync(Timeout);
        }
    }

    /// <summary>Creates a new provider over this test's database (a second call simulates a restart).</summary>
    protected abstract Task<IGrainStorage> CreateProviderAsync();

    /// <summary>Creates a provider that the test disposes at the end.</summary>
    protected async Task<IGrainStorage> OpenAsync()
    {
        var provider = await CreateProviderAsync();
        _providers.Add((IAsyncDisposable)provider);
        return provider;
    }

    [Fact]
    public async Task Read_of_a_missing_record_leaves_state_untouched_and_reports_no_record()
    {
        var storage = await OpenAsync();
        var original = new CounterState(42);
        var state = new TestGrainState<CounterState>(original) { ETag = "stale", RecordExists = true };

        await storage.ReadStateAsync("counter", new GrainId("counter", "missing"), state, default).WaitAsync(Timeout);

        Assert.Same(original, state.State);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_then_read_round_trips_nested_records_lists_dictionaries_and_unicode()
    {
        var storage = await OpenAsync();
        var id = new GrainId("user", "ключ-🔑-日本");
        var written = new ProfileState(
            "Zoë ✨ naïve café — 日本語 🎉",
            7,
            new ProfileAddress("Łódź", ["ul. Piotrkowska 1", "\"quoted\" \\ back\\slash"]),
            ["a", "é", "👍🏽"],
            new Dictionary<string, int> { ["ünï"] = 1, ["emoji 🧪"] = -2 });
        await storage.WriteStateAsync(StateName, id, new TestGrainState<ProfileState>(written), [], default).WaitAsync(Timeout);

        var read = new TestGrainState<ProfileState>(ProfileState.Empty());
        await storage.ReadStateAsync(StateName, id, read, default).WaitAsync(Timeout);

        Assert.True(read.RecordExists);
        Assert.Equal(written.Name, read.State.Name);
        Assert.Equal(written.Visits, read.State.Visits);
        Assert.Equal(written.Address!.City, read.State.Address!.City);
        Assert.Equal(written.Address.Lines, read.State.Address.Lines);
        Assert.Equal(written.Tags, read.State.Tags);
        Assert.Equal(written.Scores, read.State.Scores);
    }

    [Fact]
    public async Task First_write_sets_an_etag_and_record_exists()
    {
        var storage = await OpenAsync();
        var state = new TestGrainState<CounterState>(new CounterState(1));

        await storage.WriteStateAsync("counter", new GrainId("counter", "a"), state, [], default).WaitAsync(Timeout);

        Assert.False(string.IsNullOrEmpty(state.ETag));
        Assert.True(state.RecordExists);
        var read = await ReadCounterAsync(storage, new GrainId("counter", "a"));
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(1, read.State.Value);
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        var state = new TestGrainState<CounterState>(new CounterState(1));
        await storage.WriteStateAsync("counter", id, state, [], default).WaitAsync(Timeout);
        var firstETag = state.ETag;

        state.State = new CounterState(2);
        await storage.WriteStateAsync("counter", id, state, [], default).WaitAsync(Timeout);

        Assert.NotEqual(firstETag, state.ETag);
        var read = await ReadCounterAsync(storage, id);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_throws_and_changes_neither_state_nor_outbox()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        var current = new TestGrainState<CounterState>(new CounterState(1));
        await storage.WriteStateAsync("counter", id, current, [], default).WaitAsync(Timeout);
        var stale = new TestGrainState<CounterState>(new CounterState(0)) { ETag = current.ETag, RecordExists = true };
        current.State = new CounterState(2);
        await storage.WriteStateAsync("counter", id, current, [], default).WaitAsync(Timeout);

        stale.State = new CounterState(99);
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("counter", id, stale, [NewEvent("lost")], default).WaitAsync(Timeout));

        Assert.Equal(current.ETag, ex.StoredETag);
        Assert.Equal(stale.ETag, ex.CurrentETag);
        Assert.Contains(id.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("counter", ex.Message, StringComparison.Ordinal);
        Assert.Contains(stale.ETag!, ex.Message, StringComparison.Ordinal);
        Assert.Contains(current.ETag!, ex.Message, StringComparison.Ordinal);
        var read = await ReadCounterAsync(storage, id);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(current.ETag, read.ETag);
        Assert.Empty(await ((IOutboxStore)storage).ReadPendingAsync(100, default).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Write_with_a_null_etag_when_a_record_exists_throws()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        var existing = new TestGrainState<CounterState>(new CounterState(1));
        await storage.WriteStateAsync("counter", id, existing, [], default).WaitAsync(Timeout);

        var fresh = new TestGrainState<CounterState>(new CounterState(5));
        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("counter", id, fresh, [], default).WaitAsync(Timeout));

        Assert.Null(ex.CurrentETag);
        Assert.Equal(existing.ETag, ex.StoredETag);
        Assert.Equal(1, (await ReadCounterAsync(storage, id)).State.Value);
    }

    [Fact]
    public async Task Write_with_an_etag_when_no_record_exists_throws()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        var state = new TestGrainState<CounterState>(new CounterState(1)) { ETag = "1" };

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("counter", id, state, [], default).WaitAsync(Timeout));

        Assert.Null(ex.StoredETag);
        Assert.False((await ReadCounterAsync(storage, id)).RecordExists);
    }

    [Fact]
    public async Task Write_with_a_malformed_etag_throws_inconsistent_state()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "a");
        var state = new TestGrainState<CounterState>(new CounterState(1));
        await storage.WriteStateAsync("counter", id, state, [], default).WaitAsync(Timeout);

        state.ETag = "not-a-version";
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("counter", id, state, [], default).WaitAsync(Timeout));
    }

    [Fact]
    public async Task State_names_and_grain_types_isolate_rows()
    {
        var storage = await OpenAsync();
        var user = new GrainId("user", "k");
        var post = new GrainId("post", "k");
        var profile = new TestGrainState<CounterState>(new CounterState(1));
        var settings = new TestGrainState<CounterState>(new CounterState(2));
        var postState = new TestGrainState<CounterState>(new CounterState(3));
        await storage.WriteStateAsync("profile", user, profile, [], default).WaitAsync(Timeout);
        await storage.WriteStateAsync("settings", user, settings, [], default).WaitAsync(Timeout);
        await storage.WriteStateAsync("profile", post, postState, [], default).WaitAsync(Timeout);

        Assert.Equal(1, (await ReadCounterAsync(storage, user, "profile")).State.Value);
        Assert.Equal(2, (await ReadCounterAsync(storage, user, "settings")).State.Value);
        Assert.Equal(3, (await ReadCounterAsync(storage, post, "profile")).State.Value);
        Assert.False((await ReadCounterAsync(storage, post, "settings")).RecordExists);

        await storage.ClearStateAsync("profile", user, profile, default).WaitAsync(Timeout);
        Assert.True((await ReadCounterAsync(storage, user, "settings")).RecordExists);
        Assert.True((await ReadCounterAsync(storage, post, "profile")).RecordExists);
    }

    [Fact]
    public async Task Data_survives_disposing_the_provider_and_opening_a_new_one()
    {
        var first = await CreateProviderAsync();
        var id = new GrainId("counter", "durable");
        var state = new TestGrainState<CounterState>(new CounterState(11));
        await first.WriteStateAsync("counter", id, state, [NewEvent("kept")], default).WaitAsync(Timeout);
        await ((IAsyncDisposable)first).DisposeAsync().AsTask().WaitAsync(Timeout);

        var second = await OpenAsync();
        var read = await ReadCounterAsync(second, id);

        Assert.True(read.RecordExists);
        Assert.Equal(11, read.State.Value);
        Assert.Equal(state.ETag, read.ETag);
        var pending = await ((IOutboxStore)second).ReadPendingAsync(10, default).WaitAsync(Timeout);
        Assert.Equal("kept", Assert.Single(pending).Event.Key);

        read.State = new CounterState(12);
        await second.WriteStateAsync("counter", id, read, [], default).WaitAsync(Timeout);
        Assert.NotEqual(state.ETag, read.ETag);
    }

    [Fact]
    public async Task A_write_cancelled_before_it_starts_throws_and_stores_nothing()
    {
        var storage = await OpenAsync();
        var id = new GrainId("counter", "cancelled");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.WriteStateAsync(
            "counter", id, new TestGrainState<CounterState>(new CounterState(1)), [], cancelled.Token).WaitAsync(Timeout));

        Assert.False((await ReadCounterAsync(storage, id)).RecordExists);
    }

    /// <summary>Reads a counter state into a fresh holder.</summary>
    protected static async Task<TestGrainState<CounterState>> ReadCounterAsync(
        IGrainStorage storage, GrainId id, string stateName = "counter")
    {
        var state = new TestGrainState<CounterState>(new CounterState(-1));
        await storage.ReadStateAsync(stateName, id, state, default).WaitAsync(Timeout);
        return state;
    }

    /// <summary>
    /// After a batch whose whole transaction failed: none of its writes or events are stored, and a retry of one
    /// of them succeeds (the writer recovered).
    /// </summary>
    protected static async Task AssertFailedBatchStoredNothingAsync<TStorage>(TStorage storage, IReadOnlyList<GrainId> ids)
        where TStorage : IGrainStorage, IOutboxStore
    {
        foreach (var id in ids)
        {
            Assert.False((await ReadCounterAsync(storage, id)).RecordExists);
        }

        Assert.Empty(await storage.ReadPendingAsync(10, default));
        var retry = new TestGrainState<CounterState>(new(2));
        await storage.WriteStateAsync("counter", ids[0], retry, [], default).WaitAsync(Timeout);
        Assert.True(retry.RecordExists);
    }

    /// <summary>Creates an outbox event whose key and payload identify it.</summary>
    protected static OutboxEvent NewEvent(string key, string streamNamespace = "test") =>
        new(streamNamespace, key, Guid.NewGuid(), System.Text.Encoding.UTF8.GetBytes($"{{\"key\":\"{key}\"}}"));
}
