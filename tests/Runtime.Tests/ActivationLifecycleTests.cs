using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task Ten_thousand_grains_activate_on_demand_are_collected_when_idle_and_reactivate_with_their_state()
    {
        await using var silo = await TestSilo.StartAsync(o =>
        {
            o.Storage = StorageKind.Sqlite;
            o.CollectionAge = TimeSpan.FromMinutes(5);
        });
        const int count = 10_000;
        var keys = Enumerable.Range(0, count).Select(i => $"c{i}").ToArray();

        await Parallel.ForEachAsync(keys, async (key, _) => await silo.Grains.GetGrain<ICounterGrain>(key).Add(key.Length));
        Assert.Equal(count, silo.Catalog.Count);
        Assert.Equal(count, silo.Probe.Count("counter.activations"));

        // The collector runs every quantum as the clock moves; after a full age with no call every grain is idle.
        silo.Time.Advance(TimeSpan.FromMinutes(7));
        await Eventually.TrueAsync(() => silo.Catalog.Count == 0, "every idle activation is gone");
        Assert.Equal(count, silo.Probe.Count($"counter.deactivated.{DeactivationReason.IdleCollection}"));

        await Parallel.ForEachAsync(keys, async (key, _) =>
        {
            var grain = silo.Grains.GetGrain<ICounterGrain>(key);
            Assert.Equal(key.Length, await grain.Get());
            Assert.Equal(2, await grain.Activations());
        });
    }

    [Fact]
    public async Task The_collector_timer_deactivates_idle_grains_as_the_clock_moves()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CollectionAge = TimeSpan.FromMinutes(2));
        await silo.Grains.GetGrain<ICounterGrain>("timed").Add(1);

        silo.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, silo.Catalog.Count);
        silo.Time.Advance(TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(() => silo.Catalog.Count == 0, "the idle grain is collected");
    }

    [Fact]
    public async Task DeactivateOnIdle_drops_the_activation_and_the_next_call_reloads_state()
    {
        await using var silo = await TestSilo.StartAsync(o => o.Storage = StorageKind.Sqlite);
        var grain = silo.Grains.GetGrain<ICounterGrain>("deactivate");
        await grain.Add(5);

        await grain.Deactivate();
        Assert.Equal(10, await grain.Add(5));
        Assert.Equal(2, await grain.Activations());
        Assert.Equal(1, silo.Probe.Count($"counter.deactivated.{DeactivationReason.ApplicationRequested}"));
    }

    [Fact]
    public async Task A_failed_activation_fails_its_callers_and_the_next_call_activates_afresh()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IFaultyGrain>("broken-1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Ping());
        Assert.Equal("activation failed once", error.Message);
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_and_stop_with_the_activation()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("ticker");
        await grain.Start(TimeSpan.FromSeconds(1));

        for (var i = 0; i < 3; i++)
        {
            silo.Time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.TrueAsync(() => silo.Probe.Count("timer.ticker") == i + 1, $"tick {i + 1} ran");
            // A call is a turn after the tick's turn has ended: only then is the next tick due rather than skipped
            // as overlapping the previous one.
            Assert.Equal(i + 1, await grain.Ticks());
        }

        await grain.Deactivate();
        await Eventually.TrueAsync(() => silo.Catalog.Count == 0, "the timer grain deactivated");
        silo.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(3, silo.Probe.Count("timer.ticker"));
        Assert.Equal(0, silo.Probe.Count("timer.overlapped"));
    }

    [Fact]
    public async Task A_stateless_worker_runs_several_activations_up_to_its_limit()
    {
        await using var silo = await TestSilo.StartAsync();
        var worker = silo.Grains.GetGrain<IWorkerGrain>("pool");

        var calls = Enumerable.Range(0, 5).Select(_ => worker.Work("workers")).ToArray();
        await Eventually.TrueAsync(() => silo.Probe.Count("worker.inside") == 3, "three workers run at once");
        Assert.Equal(3, silo.Probe.Count("worker.instances"));

        silo.Probe.Open("workers");
        var instances = await Task.WhenAll(calls);
        Assert.Equal(3, instances.Distinct().Count());
    }

    [Fact]
    public async Task Shutdown_deactivates_every_activation()
    {
        var silo = await TestSilo.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => silo.Grains.GetGrain<ICounterGrain>($"s{i}").Add(1)));

        await silo.StopAsync();

        Assert.Equal(0, silo.Catalog.Count);
        Assert.Equal(50, silo.Probe.Count($"counter.deactivated.{DeactivationReason.ShuttingDown}"));
        await silo.DisposeAsync();
    }
}
