using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Tests.Membership;

/// <summary>The optimistic-concurrency rules of the table itself, without agents.</summary>
public sealed class PostgresMembershipTableTests(MembershipDatabase database) : IClassFixture<MembershipDatabase>, IAsyncLifetime
{
    private static readonly SiloAddress Silo = new("10.0.0.1", 11111, 1);
    private IMembershipTable _first = null!;
    private IMembershipTable _second = null!;

    public async Task InitializeAsync()
    {
        var options = database.NewClusterOptions();
        _first = new PostgresMembershipTable(options);
        _second = new PostgresMembershipTable(options);
        await Task.WhenAll(_first.InitializeAsync(default), _second.InitializeAsync(default));
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task Only_rows_dead_for_longer_than_the_expiration_are_deleted()
    {
        var dead = Silo with { Generation = 2 };
        var live = Silo with { Generation = 3 };
        await _first.InsertAsync(dead, SiloStatus.Active, default);
        await _first.InsertAsync(live, SiloStatus.Active, default);
        Assert.True(await _first.UpdateStatusAsync((await _first.ReadAsync(default)).Find(dead)!, SiloStatus.Dead, default));
        await Task.Delay(50);

        Assert.Equal(0, await _first.DeleteDefunctAsync(TimeSpan.FromHours(1), default));
        Assert.Equal(1, await _second.DeleteDefunctAsync(TimeSpan.FromMilliseconds(10), default));

        var data = await _first.ReadAsync(default);
        Assert.Null(data.Find(dead));
        Assert.Equal(SiloStatus.Active, data.Find(live)!.Status);
        Assert.Null(await _first.HeartbeatAsync(dead, 1, default));
    }

    [Fact]
    public async Task Two_writers_of_the_same_row_version_exactly_one_wins_and_the_loser_sees_the_winner_on_re_read()
    {
        await _first.InsertAsync(Silo, SiloStatus.Active, default);
        var read = (await _first.ReadAsync(default)).Find(Silo)!;

        var results = await Task.WhenAll(
            _first.UpdateStatusAsync(read, SiloStatus.Dead, default),
            _second.UpdateStatusAsync(read, SiloStatus.ShuttingDown, default));

        Assert.Single(results, won => won);
        var reread = (await _second.ReadAsync(default)).Find(Silo)!;
        Assert.Equal(read.RowVersion + 1, reread.RowVersion);
        Assert.Equal(results[0] ? SiloStatus.Dead : SiloStatus.ShuttingDown, reread.Status);
    }

    [Fact]
    public async Task A_heartbeat_racing_a_declaration_of_death_from_the_same_read_leaves_exactly_one_of_them_applied()
    {
        await _first.InsertAsync(Silo, SiloStatus.Active, default);
        var read = (await _first.ReadAsync(default)).Find(Silo)!;

        var heartbeat = _first.HeartbeatAsync(Silo, read.RowVersion, default);
        var death = _second.UpdateStatusAsync(read, SiloStatus.Dead, default);
        var (beat, died) = (await heartbeat, await death);

        Assert.True((beat is not null) != died, "exactly one write won");
        var status = (await _first.ReadAsync(default)).Find(Silo)!.Status;
        Assert.Equal(died ? SiloStatus.Dead : SiloStatus.Active, status);
    }

    [Fact]
    public async Task The_table_version_grows_by_one_per_status_change_and_not_with_heartbeats()
    {
        var versions = new List<long> { (await _first.ReadAsync(default)).Version };
        Assert.True(await _first.InsertAsync(Silo, SiloStatus.Joining, default));
        Assert.False(await _second.InsertAsync(Silo, SiloStatus.Joining, default));
        versions.Add((await _first.ReadAsync(default)).Version);

        var entry = (await _first.ReadAsync(default)).Find(Silo)!;
        Assert.True(await _first.UpdateStatusAsync(entry, SiloStatus.Active, default));
        versions.Add((await _first.ReadAsync(default)).Version);
        Assert.Equal(entry.RowVersion + 2, await _first.HeartbeatAsync(Silo, entry.RowVersion + 1, default));
        versions.Add((await _first.ReadAsync(default)).Version);

        Assert.Equal([0, 1, 2, 2], versions);
    }

    [Fact]
    public async Task Status_changes_from_many_writers_at_once_each_bump_the_table_version_exactly_once()
    {
        var silos = Enumerable.Range(0, 8).Select(i => new SiloAddress("10.0.0.2", 20000 + i, 1)).ToArray();
        foreach (var silo in silos)
        {
            await _first.InsertAsync(silo, SiloStatus.Joining, default);
        }

        var data = await _first.ReadAsync(default);
        var tables = new[] { _first, _second };
        var results = await Task.WhenAll(silos.Select((silo, i) =>
            tables[i % 2].UpdateStatusAsync(data.Find(silo)!, SiloStatus.Active, default)));

        Assert.All(results, Assert.True);
        Assert.Equal(data.Version + silos.Length, (await _second.ReadAsync(default)).Version);
    }
}
