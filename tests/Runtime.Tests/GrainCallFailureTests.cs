using Playbound.Runtime.Serialization;
using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests;

public sealed class GrainCallFailureTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_grain_exception_reaches_the_caller_with_its_type_and_message_and_the_grain_keeps_serving(bool serialize)
    {
        await using var silo = await TestSilo.StartAsync(o => o.SerializeLocalCalls = serialize);
        var grain = silo.Grains.GetGrain<IFaultyGrain>("thrower");

        Assert.Equal(1, await grain.Ping());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("bad move"));
        Assert.Equal("bad move", error.Message);
        Assert.Equal(2, await grain.Ping());
    }

    [Fact]
    public async Task An_exception_that_cannot_be_rebuilt_arrives_as_GrainCallException_naming_its_type()
    {
        await using var silo = await TestSilo.StartAsync(o => o.SerializeLocalCalls = true);

        var error = await Assert.ThrowsAsync<GrainCallException>(() => silo.Grains.GetGrain<IFaultyGrain>("custom").ThrowCustom("rule broken"));

        Assert.Equal("rule broken", error.Message);
        Assert.Contains(nameof(GrainRuleException), error.OriginalType);
    }

    [Fact]
    public async Task A_call_that_outlives_its_timeout_fails_with_TimeoutException_and_the_grain_serves_afterwards()
    {
        await using var silo = await TestSilo.StartAsync(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        var grain = silo.Grains.GetGrain<IFaultyGrain>("slow");
        var slow = grain.WaitAtGate("slow");
        await Eventually.TrueAsync(() => silo.Probe.Count("waiting.slow") == 1, "the slow call is running");
        var queued = grain.Ping();

        silo.Time.Advance(TimeSpan.FromSeconds(6));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => slow);
        Assert.Contains("slow", timeout.Message);
        await Assert.ThrowsAsync<TimeoutException>(() => queued);
        silo.Probe.Open("slow");
        Assert.Equal(2, await grain.Ping());
    }

    [Fact]
    public async Task Null_empty_and_oversized_keys_are_rejected_at_the_call_site()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Throws<ArgumentNullException>(() => silo.Grains.GetGrain<ICounterGrain>(null!));
        Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>(""));
        Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>(new string('k', 513)));
    }

    [Fact]
    public async Task An_interface_without_a_grain_class_is_rejected_at_the_call_site()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain<IOrphanGrain>("x"));
        Assert.Contains(nameof(IOrphanGrain), error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_non_serializable_argument_is_rejected_at_the_call_site(bool serialize)
    {
        await using var silo = await TestSilo.StartAsync(o => o.SerializeLocalCalls = serialize);
        var grain = silo.Grains.GetGrain<IFaultyGrain>($"echo-{serialize}");

        var error = await Assert.ThrowsAsync<GrainSerializationException>(() => grain.Echo(new Payload("hi", () => { })));

        Assert.Contains("Action", error.Message);
        Assert.Equal(0, silo.Catalog.Count);
        Assert.Equal(2, await grain.Echo(new Payload("hi")));
    }
}
