using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Playbound.TestKit.Streaming;

/// <summary>An event the provider gave up on, as its dead-letter store recorded it.</summary>
/// <param name="Stream">The stream the event was published on.</param>
/// <param name="Error">Why it was dead-lettered; never empty.</param>
public sealed record DeadLetter(StreamId Stream, string Error);

/// <summary>
/// What every persistent stream provider of ours must do inside a real 2-silo Orleans cluster
/// (<see cref="InProcessTestClusterBuilder"/>): implicit subscribers get every event in order, a poison event is
/// dead-lettered after <see cref="MaxEventDeliveryTime"/> while later events keep flowing, a stream the pulling agent
/// dropped as idle delivers again, and a silo leaving loses nothing.
/// </summary>
public abstract class StreamProviderConformance : IAsyncLifetime
{
    /// <summary>The stream provider's name in every conformance cluster.</summary>
    public const string ProviderName = "conformance";

    /// <summary>The stream namespace the probe grains publish and implicitly subscribe to.</summary>
    public const string Namespace = "probe";

    /// <summary>How long Orleans retries a failing delivery before the provider's failure handler takes over.</summary>
    protected static readonly TimeSpan MaxEventDeliveryTime = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long a pulling agent keeps a stream without events: short, so every test also runs across agents dropping
    /// and re-registering streams (Playbound's silos drop them after minutes, not Orleans' default half hour).
    /// </summary>
    protected static readonly TimeSpan StreamInactivityPeriod = TimeSpan.FromSeconds(1);

    private InProcessTestCluster? _cluster;

    /// <summary>The cluster under test; started before each test.</summary>
    protected InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    /// <summary>Adds the provider under test to a silo as <see cref="ProviderName"/>.</summary>
    protected abstract void AddStreams(ISiloBuilder silo);

    /// <summary>Everything the provider dead-lettered so far.</summary>
    protected abstract Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            AddStreams(silo);
            silo.Services.Configure<StreamPullingAgentOptions>(ProviderName, o =>
            {
                o.MaxEventDeliveryTime = MaxEventDeliveryTime;
                o.StreamInactivityPeriod = StreamInactivityPeriod;
            });
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_event_reaches_its_implicit_subscriber_once_and_in_order()
    {
        var streams = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(streams.Select(key => PublishAsync(key, Enumerable.Range(0, 50))));

        foreach (var key in streams)
        {
            await Eventually.TrueAsync(() => ProbeLog.ReceivedOn(key).Count >= 50, $"stream {key} delivered 50 events");
            Assert.Equal(Enumerable.Range(0, 50), ProbeLog.ReceivedOn(key));
        }
    }

    [Fact]
    public async Task A_poison_event_is_dead_lettered_and_the_events_after_it_still_arrive()
    {
        var key = Guid.NewGuid();
        var events = Enumerable.Range(0, 10).Select(n => new ProbeEvent(n, Poison: n == 3)).ToArray();
        await Cluster.Client.GetGrain<IProbePublisherGrain>(key).Publish(events);

        await Eventually.TrueAsync(() => ProbeLog.ReceivedOn(key).Count >= 9, "the nine good events arrived", timeoutSeconds: 60);
        Assert.Equal(Enumerable.Range(0, 10).Where(n => n != 3), ProbeLog.ReceivedOn(key));
        var stream = StreamId.Create(Namespace, key);
        await Eventually.TrueAsync(async () => (await ReadDeadLettersAsync()).Any(d => d.Stream == stream), "the poison event was dead-lettered");
        var deadLetter = Assert.Single(await ReadDeadLettersAsync(), d => d.Stream == stream);
        Assert.False(string.IsNullOrWhiteSpace(deadLetter.Error));
    }

    [Fact]
    public async Task A_stream_idle_past_the_inactivity_period_delivers_its_next_events_in_order()
    {
        var key = Guid.NewGuid();
        await PublishAsync(key, Enumerable.Range(0, 5));
        await Eventually.TrueAsync(() => ProbeLog.ReceivedOn(key).Count >= 5, "the first five events arrived");

        // The agent looks for idle streams at a tenth of the period, on its polls (every 100 ms by default).
        await Task.Delay(StreamInactivityPeriod * 3);
        await PublishAsync(key, Enumerable.Range(5, 5));

        await Eventually.TrueAsync(() => ProbeLog.ReceivedOn(key).Count >= 10, "the five events after the pause arrived");
        Assert.Equal(Enumerable.Range(0, 10), ProbeLog.ReceivedOn(key));
    }

    [Fact]
    public async Task Nothing_is_lost_when_a_silo_leaves_mid_flow()
    {
        var streams = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(streams.Select(key => PublishAsync(key, Enumerable.Range(0, 20))));
        await Cluster.StopSiloAsync(Cluster.Silos[1]);
        await Task.WhenAll(streams.Select(key => PublishAsync(key, Enumerable.Range(20, 20))));

        foreach (var key in streams)
        {
            await Eventually.TrueAsync(() => ProbeLog.ReceivedOn(key).Distinct().Count() == 40, $"stream {key} delivered all 40 events", timeoutSeconds: 60);
        }
    }

    private Task PublishAsync(Guid key, IEnumerable<int> numbers) =>
        Cluster.Client.GetGrain<IProbePublisherGrain>(key).Publish(numbers.Select(n => new ProbeEvent(n)).ToArray());
}
