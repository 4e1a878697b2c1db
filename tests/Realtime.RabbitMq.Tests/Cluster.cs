using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>
/// A silo's publisher and presence, and two Api nodes with recording hubs, on exchanges of their own; all connected
/// before a test pushes. Disposing stops everything, nodes first so they say goodbye, and deletes the exchanges.
/// </summary>
internal sealed class Cluster : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private Cluster(RabbitMqRealtimeOptions options)
    {
        Options = options;
        Publisher = TestBroker.Publisher(options);
        Presence = new ClusterPresence(TimeProvider.System);
        Listener = new PresenceListener(
            Presence, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<PresenceListener>.Instance);
        Node1 = TestBroker.Node(options, Hub1);
        Node2 = TestBroker.Node(options, Hub2);
    }

    public RabbitMqRealtimeOptions Options { get; }

    public RabbitMqRealtimePublisher Publisher { get; }

    public ClusterPresence Presence { get; }

    public PresenceListener Listener { get; }

    public RecordingDelivery Hub1 { get; } = new();

    public RecordingDelivery Hub2 { get; } = new();

    public RealtimeNode Node1 { get; }

    public RealtimeNode Node2 { get; }

    public static async Task<Cluster> StartAsync(RabbitMqRealtimeOptions? options = null)
    {
        var cluster = new Cluster(options ?? TestBroker.IsolatedOptions());
        // The listener first: it must be bound before the nodes' first snapshots.
        foreach (var service in new IHostedService[] { cluster.Listener, cluster.Publisher, cluster.Node1, cluster.Node2 })
        {
            await service.StartAsync(CancellationToken.None);
            cluster._started.Add(service);
        }

        await cluster.Publisher.WaitConnectedAsync(TestBroker.Timeout());
        await cluster.Node1.WaitConnectedAsync(TestBroker.Timeout());
        await cluster.Node2.WaitConnectedAsync(TestBroker.Timeout());
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
            (service as IDisposable)?.Dispose();
        }

        await TestBroker.DeleteExchangesAsync(Options);
    }
}
