using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

public sealed class TurnBasedExecutionTests
{
    [Fact]
    public async Task A_thousand_concurrent_callers_never_interleave_and_each_callers_calls_run_in_its_order()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("turns");
        const int callers = 1000;
        const int callsPerCaller = 5;

        // Each caller fires its calls without awaiting in between, so only mailbox order keeps them in order.
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(() =>
            Task.WhenAll(Enumerable.Range(0, callsPerCaller).Select(sequence => grain.Step(caller, sequence)).ToArray()))));

        Assert.Equal(1, await grain.MaxConcurrency());
        var steps = await grain.Steps();
        Assert.Equal(callers * callsPerCaller, steps.Count);
        foreach (var perCaller in steps.GroupBy(s => s.Caller))
        {
            Assert.Equal(Enumerable.Range(0, callsPerCaller), perCaller.Select(s => s.Sequence));
        }
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_not_with_a_write()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITurnGrain>("reads");

        var first = grain.ReadAtGate("reads");
        var second = grain.ReadAtGate("reads");
        await Eventually.TrueAsync(() => silo.Probe.Count("reads.inside") == 2, "both read-only calls are inside the grain together");

        var write = grain.Write();
        Assert.False(write.IsCompleted, "a write must wait for the read-only calls in flight");

        silo.Probe.Open("reads");
        Assert.Equal(2, Math.Max(await first, await second));
        Assert.Equal(0, await write);
    }

    [Fact]
    public async Task Calls_from_one_grain_to_another_complete_inside_a_turn()
    {
        await using var silo = await TestSilo.StartAsync();
        RequestContext.Set("user", "u1");
        try
        {
            Assert.Equal("u1", await silo.Grains.GetGrain<IContextGrain>("a").ReadVia("b", "user"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
