using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Playbound.Persistence.Sqlite;
using Playbound.TestKit.Persistence;

namespace Playbound.Persistence.Sqlite.Tests;

public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private readonly SqliteStorageFiles _files = new();

    [Fact]
    public async Task Stopping_the_storage_commits_every_write_already_queued()
    {
        var storage = await _files.StartAsync(maxBatchSize: 4);
        var grains = Enumerable.Range(0, 100).Select(i => GrainId.Create("probe", $"stop-{i}")).ToList();
        var writes = grains.Select((grain, i) => storage.WriteStateAsync("s", grain, new GrainState<ProbeState>(new ProbeState { Version = i }))).ToList();

        await storage.DisposeAsync();
        await Task.WhenAll(writes);

        var reopened = await _files.StartAsync();
        for (var i = 0; i < grains.Count; i++)
        {
            var state = new GrainState<ProbeState>(new ProbeState());
            await reopened.ReadStateAsync("s", grains[i], state);
            Assert.Equal(i, state.State!.Version);
        }
    }

    [Fact]
    public async Task A_write_after_the_storage_stopped_fails_instead_of_being_dropped()
    {
        var storage = await _files.StartAsync();
        await storage.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            storage.WriteStateAsync("s", GrainId.Create("probe", "late"), new GrainState<ProbeState>(new ProbeState())));
    }

    [Fact]
    public async Task A_stale_write_in_a_group_commit_fails_alone_and_its_neighbours_commit()
    {
        var storage = await _files.StartAsync();
        var contested = GrainId.Create("probe", "contested");
        var state = new GrainState<ProbeState>(new ProbeState { Version = 1 });
        await storage.WriteStateAsync("s", contested, state);
        var stale = new GrainState<ProbeState>(new ProbeState { Version = -1 }) { ETag = state.ETag };
        await storage.WriteStateAsync("s", contested, state);

        var neighbours = Enumerable.Range(0, 50).Select(i => GrainId.Create("probe", $"neighbour-{i}")).ToList();
        var writes = neighbours.Select(g => storage.WriteStateAsync("s", g, new GrainState<ProbeState>(new ProbeState { Version = 5 }))).ToList();
        var staleWrite = storage.WriteStateAsync("s", contested, stale);

        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        await Task.WhenAll(writes);
        Assert.Equal(1, await CountRowsAsync("version = 2 AND grain_id = 'probe/contested'"));
        Assert.Equal(50, await CountRowsAsync("grain_id LIKE 'probe/neighbour-%'"));
    }

    [Fact]
    public async Task A_write_that_cannot_commit_surfaces_the_error_to_its_grain()
    {
        var storage = await _files.StartAsync();
        await using (var connection = await SqliteConnections.OpenAsync(_files.DatabasePath))
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = "DROP TABLE grain_state";
            await drop.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<SqliteException>(() =>
            storage.WriteStateAsync("s", GrainId.Create("probe", "x"), new GrainState<ProbeState>(new ProbeState())));
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_fails_the_write_and_the_next_write_works_again()
    {
        var storage = await _files.StartAsync();
        var file = _files.DatabasePath;
        SqliteConnection.ClearAllPools();
        File.Move(file, file + ".away");
        Directory.CreateDirectory(file); // a directory where the database file was: SQLite cannot open it

        await Assert.ThrowsAsync<SqliteException>(() =>
            storage.WriteStateAsync("s", GrainId.Create("probe", "while-away"), new GrainState<ProbeState>(new ProbeState())));

        Directory.Delete(file);
        File.Move(file + ".away", file);
        var state = new GrainState<ProbeState>(new ProbeState { Version = 4 });
        await storage.WriteStateAsync("s", GrainId.Create("probe", "after"), state);
        Assert.Equal("1", state.ETag);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _files.DisposeAsync().AsTask();

    private async Task<long> CountRowsAsync(string where)
    {
        await using var connection = await SqliteConnections.OpenAsync(_files.DatabasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM grain_state WHERE {where}";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
