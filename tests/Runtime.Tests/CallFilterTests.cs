using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

public sealed class CallFilterTests
{
    [Fact]
    public async Task Outgoing_and_incoming_filters_wrap_every_call_in_order_and_carry_request_context()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ConfigureSilo = silo => silo
            .AddOutgoingGrainCallFilter<StampCallerFilter>()
            .AddIncomingGrainCallFilter<RecordCallFilter>());

        var seen = await silo.Grains.GetGrain<IContextGrain>("filtered").Read("caller");

        Assert.Equal("stamped", seen);
        Assert.Equal(["out:Read", "in:Read:stamped", "in-done:stamped"], silo.Probe.Log.ToArray());
    }

    [Fact]
    public async Task An_incoming_filter_can_replace_the_result()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ConfigureSilo = silo => silo.AddIncomingGrainCallFilter<RecordCallFilter>());
        RequestContext.Set("override", "from-filter");
        try
        {
            Assert.Equal("from-filter", await silo.Grains.GetGrain<IContextGrain>("replaced").Read("missing"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private sealed class StampCallerFilter(Probe probe) : IOutgoingGrainCallFilter
    {
        public Task Invoke(IOutgoingGrainCallContext context)
        {
            probe.Log.Enqueue($"out:{context.InterfaceMethod.Name}");
            RequestContext.Set("caller", "stamped");
            return context.Invoke();
        }
    }

    private sealed class RecordCallFilter(Probe probe) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            var caller = RequestContext.Get("caller");
            if (caller is not null)
            {
                probe.Log.Enqueue($"in:{context.Request.Method.Name}:{caller}");
            }

            await context.Invoke();
            if (caller is not null)
            {
                probe.Log.Enqueue($"in-done:{context.Result}");
            }

            if (RequestContext.Get("override") is { } replacement)
            {
                context.Result = replacement;
            }
        }
    }
}
