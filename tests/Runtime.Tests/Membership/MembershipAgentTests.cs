using Playbound.Runtime.Membership;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Membership;

/// <summary>Silos joining, crashing, leaving and being declared dead, each through its own agent on the real table.</summary>
public sealed class MembershipAgentTests(MembershipDatabase database) : IClassFixture<MembershipDatabase>, IAsyncLifetime
{
    private readonly List<TestSilo> _silos = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Three_silos_that_join_all_see_the_same_version_and_the_same_active_silos_in_address_order()
    {
        var options = database.NewClusterOptions();
        var silos = await StartAsync(options, 11113, 11111, 11112);
        var expected = silos.Select(s => s.Address).OrderBy(a => a.Port).ToArray();

        await Eventually.TrueAsync(
            () => silos.All(s => s.ActiveSilos.SequenceEqual(expected)) && silos.Select(s => s.Agent.Current.Version).Distinct().Count() == 1,
            "every silo sees the three silos at one version");
        Assert.All(silos, s => Assert.Equal(SiloStatus.Active, s.Agent.LocalStatus));
    }

    [Fact]
    public async Task A_silo_that_stops_heartbeating_is_declared_dead_and_leaves_the_others_snapshots()
    {
        var options = database.NewClusterOptions();
        var silos = await StartAsync(options, 12001, 12002, 12003);
        await Eventually.TrueAsync(() => silos.All(s => s.ActiveSilos.Count == 3), "all three joined");
        var changesBefore = silos[0].Changes;

        await silos[2].DisposeAsync();

        await Eventually.TrueAsync(
            () => silos.Take(2).All(s => s.ActiveSilos.SequenceEqual([silos[0].Address, silos[1].Address])),
            "the crashed silo is gone from the survivors' snapshots");
        Assert.True(silos[0].Changes > changesBefore, "Changed fired for the death");
        var row = (await silos[0].Table.ReadAsync(CancellationToken.None)).Find(silos[2].Address);
        Assert.Equal(SiloStatus.Dead, row?.Status);
    }

    [Fact]
    public async Task A_silo_that_stops_gracefully_leaves_at_once_without_waiting_for_the_death_timeout()
    {
        // A death timeout far beyond the test's deadline: only the graceful leave can remove the silo in time.
        var options = database.NewClusterOptions(deathTimeout: TimeSpan.FromMinutes(10));
        var silos = await StartAsync(options, 13001, 13002);
        await Eventually.TrueAsync(() => silos.All(s => s.ActiveSilos.Count == 2), "both joined");

        await silos[1].StopAsync();

        await Eventually.TrueAsync(() => silos[0].ActiveSilos.SequenceEqual([silos[0].Address]), "the leaver is gone", timeoutSeconds: 20);
        Assert.Equal(SiloStatus.Dead, silos[1].Agent.LocalStatus);
        Assert.False(silos[1].WasDeclaredDead);
    }

    [Fact]
    public async Task A_silo_deletes_the_rows_of_silos_dead_for_longer_than_the_expiration()
    {
        var options = database.NewClusterOptions();
        options.DefunctSiloExpiration = options.DeathTimeout;
        var leaver = await TestSilo.StartAsync(options, 15001);
        await leaver.StopAsync();
        await Task.Delay(options.DefunctSiloExpiration + TimeSpan.FromMilliseconds(200));

        await using var survivor = await TestSilo.StartAsync(options, 15002);

        await Eventually.TrueAsync(
            async () => (await survivor.Table.ReadAsync(CancellationToken.None)).Find(leaver.Address) is null,
            "the long-dead leaver's row is deleted");
        Assert.NotNull((await survivor.Table.ReadAsync(CancellationToken.None)).Find(survivor.Address));
        await leaver.DisposeAsync();
    }

    [Fact]
    public async Task A_silo_declared_dead_while_running_reports_itself_dead_and_a_new_generation_on_its_endpoint_joins()
    {
        var options = database.NewClusterOptions();
        var silos = await StartAsync(options, 14001, 14002);
        var victim = silos[1];
        await Eventually.TrueAsync(() => silos.All(s => s.ActiveSilos.Count == 2), "both joined");

        victim.Table.HeartbeatsBlocked = true;
        await Eventually.TrueAsync(() => victim.WasDeclaredDead, "the victim notices it was declared dead");
        victim.Table.HeartbeatsBlocked = false;

        // Its generation stays dead: a heartbeat with the row's current version is refused.
        var row = (await silos[0].Table.ReadAsync(CancellationToken.None)).Find(victim.Address)!;
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Null(await silos[0].Table.HeartbeatAsync(victim.Address, row.RowVersion, CancellationToken.None));
        Assert.Equal(SiloStatus.Dead, victim.Agent.LocalStatus);

        var restarted = await StartOneAsync(options, victim.Address.Port, victim.Address.Generation + 1);
        await Eventually.TrueAsync(
            () => silos[0].ActiveSilos.SequenceEqual([silos[0].Address, restarted.Address]), "the new generation joined");
    }

    [Fact]
    public async Task A_silo_is_ready_only_while_active_with_a_recent_heartbeat()
    {
        var options = database.NewClusterOptions();
        var silo = await StartOneAsync(options, 15001);
        var check = new MembershipHealthCheck(silo.Agent, Microsoft.Extensions.Options.Options.Create(options));

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(new())).Status);

        await silo.StopAsync();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await check.CheckHealthAsync(new())).Status);
    }

    private async Task<TestSilo[]> StartAsync(MembershipOptions options, params int[] ports)
    {
        var silos = new TestSilo[ports.Length];
        for (var i = 0; i < ports.Length; i++)
        {
            silos[i] = await StartOneAsync(options, ports[i]);
        }

        return silos;
    }

    private async Task<TestSilo> StartOneAsync(MembershipOptions options, int port, long generation = 1)
    {
        var silo = await TestSilo.StartAsync(options, port, generation);
        _silos.Add(silo);
        return silo;
    }
}
