using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Streams;
using Playbound.Runtime.Tests.Grains;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Cluster;

public sealed class RemoteCallTests : IAsyncLifetime
{
    private readonly FakeCluster _cluster = new();
    private ClusterNode[] _silos = [];

    private ClusterNode A => _silos[0];

    private ClusterNode B => _silos[1];

    public async Task InitializeAsync() => _silos = await ClusterKeys.StartSilosAsync(_cluster, 2);

    public Task DisposeAsync() => ClusterKeys.StopAllAsync(_silos);

    [Fact]
    public async Task A_call_from_one_silo_runs_on_the_silo_that_owns_the_grain()
    {
        var onB = ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest);
        var onA = ClusterKeys.OwnedBy(A.Silo!, _cluster.Latest);

        Assert.Equal(B.Silo!.Port, await A.Grains.GetGrain<ISiloGrain>(onB).SiloPort());
        Assert.Equal(B.Silo!.Port, await B.Grains.GetGrain<ISiloGrain>(onB).SiloPort());
        Assert.Equal(A.Silo!.Port, await B.Grains.GetGrain<ISiloGrain>(onA).SiloPort());
        Assert.Equal(7, await A.Grains.GetGrain<ISiloGrain>(onB).Add(7));
        Assert.Equal(10, await B.Grains.GetGrain<ISiloGrain>(onB).Add(3));
    }

    [Fact]
    public async Task A_stream_event_reaches_a_subscriber_on_another_silo()
    {
        // StreamDeliveryRequest<T> is built by the runtime per event type, never registered by generated code.
        var key = ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest, GrainTypeManager.GrainTypeName(typeof(LedgerGrain)));
        var delivery = new StreamDeliveryRequest<Deposit>
        {
            Item = new Deposit(1, 5),
            Info = new StreamEventInfo(new StreamId(LedgerGrain.Namespace, key), Guid.NewGuid(), Sequence: 1),
        };

        await A.Services.GetRequiredService<IGrainCallInvoker>()
            .InvokeAsync(new GrainId(GrainTypeManager.GrainTypeName(typeof(LedgerGrain)), key), delivery);

        Assert.Equal([1], (await B.Grains.GetGrain<ILedgerGrain>(key).Read()).Numbers);
    }

    [Fact]
    public async Task Exceptions_cross_the_wire_with_type_and_message()
    {
        var grain = A.Grains.GetGrain<IFaultyGrain>(ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest, "faulty"));

        var rebuilt = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Throw("boom on B"));
        Assert.Equal("boom on B", rebuilt.Message);
        var wrapped = await Assert.ThrowsAsync<GrainCallException>(() => grain.ThrowCustom("rule broken"));
        Assert.Contains(nameof(GrainRuleException), wrapped.OriginalType);
        Assert.Equal("rule broken", wrapped.Message);
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task Request_context_flows_to_the_remote_grain_and_on_down_its_calls()
    {
        var remote = ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest, "context");
        var backOnA = ClusterKeys.OwnedBy(A.Silo!, _cluster.Latest, "context");
        RequestContext.Set("trace", "t-42");
        try
        {
            Assert.Equal("t-42", await A.Grains.GetGrain<IContextGrain>(remote).Read("trace"));
            Assert.Equal("t-42", await A.Grains.GetGrain<IContextGrain>(remote).ReadVia(backOnA, "trace"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task A_thousand_concurrent_calls_all_complete()
    {
        var grains = Enumerable.Range(0, 100).Select(i => A.Grains.GetGrain<ISiloGrain>($"many-{i}")).ToArray();
        var ports = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => grains[i % grains.Length].SiloPort()));

        Assert.Equal(1000, ports.Length);
        Assert.Equal(new[] { A.Silo!.Port, B.Silo!.Port }.Order(), ports.Distinct().Order());
    }

    [Fact]
    public async Task Calls_to_one_remote_grain_keep_their_order_and_run_one_at_a_time()
    {
        var grain = A.Grains.GetGrain<ITurnGrain>(ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest, "turn"));
        await grain.MaxConcurrency(); // opens the connection, so the burst below is sent in call order

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => grain.Step(caller: 1, sequence: i)));

        Assert.Equal(Enumerable.Range(0, 300), (await grain.Steps()).Select(static s => s.Sequence));
        Assert.Equal(1, await grain.MaxConcurrency());
    }

    [Fact]
    public async Task A_gateway_without_grains_calls_grains_on_both_silos()
    {
        await using var gateway = await ClusterNode.StartGatewayAsync(_cluster);
        var onA = ClusterKeys.OwnedBy(A.Silo!, _cluster.Latest);
        var onB = ClusterKeys.OwnedBy(B.Silo!, _cluster.Latest);

        Assert.Equal(A.Silo!.Port, await gateway.Grains.GetGrain<ISiloGrain>(onA).SiloPort());
        Assert.Equal(B.Silo!.Port, await gateway.Grains.GetGrain<ISiloGrain>(onB).SiloPort());
        Assert.Equal(2, await gateway.Grains.GetGrain<ISiloGrain>(onB).Add(2));
        foreach (var silo in _silos)
        {
            silo.Services.GetRequiredService<Probe>().Open("open");
        }

        var workerInstance = await gateway.Grains.GetGrain<IWorkerGrain>("w").Work("open");
        Assert.True(workerInstance > 0);
    }
}
