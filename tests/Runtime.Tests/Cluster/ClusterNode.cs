using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Networking;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Cluster;

/// <summary>
/// A silo or a gateway of a <see cref="FakeCluster"/>: a real host with its own catalog, listening on a loopback
/// port. Silos given the same SQLite database share grain state, so state survives a grain's move.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterNode(IHost host, FakeMembership membership)
    {
        _host = host;
        Membership = membership;
    }

    public FakeMembership Membership { get; }

    /// <summary>This silo's address; null for a gateway.</summary>
    public SiloAddress? Silo => Membership.LocalSilo;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public static Task<ClusterNode> StartSiloAsync(FakeCluster cluster, ClusterNodeOptions? options = null)
    {
        options ??= new ClusterNodeOptions();
        var silo = new SiloAddress("127.0.0.1", LoopbackPorts.Next(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return StartAsync(cluster.Join(silo), options, (services, membership) =>
        {
            services.AddPlayboundSilo(builder =>
            {
                builder.AddGrains(typeof(ClusterNode).Assembly);
                builder.UseClusterTransport(o => Configure(o, options, silo.Port));
            });
            TestStorage.Add(services, options.Storage, options.Database);
        });
    }

    public static Task<ClusterNode> StartGatewayAsync(FakeCluster cluster, ClusterNodeOptions? options = null)
    {
        options ??= new ClusterNodeOptions();
        return StartAsync(cluster.Join(localSilo: null), options, (services, _) =>
            services.AddPlayboundClusterClient(
                builder => builder.AddGrains(typeof(ClusterNode).Assembly), o => Configure(o, options, port: 0)));
    }

    /// <summary>Drops every connection and stops listening, as if the process died; the host itself stays up.</summary>
    public Task KillAsync() => Services.GetRequiredService<SiloListener>().StopAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static async Task<ClusterNode> StartAsync(
        FakeMembership membership, ClusterNodeOptions options, Action<IServiceCollection, FakeMembership> register)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(options.Probe);
        builder.Services.AddSingleton<IClusterMembership>(membership);
        builder.Services.Configure<MessagingOptions>(m => m.ResponseTimeout = options.ResponseTimeout);
        register(builder.Services, membership);
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterNode(host, membership);
    }

    private static void Configure(ClusterTransportOptions transport, ClusterNodeOptions options, int port)
    {
        transport.SiloPort = port;
        transport.ViewRefreshWait = options.ViewRefreshWait;
    }
}

public sealed class ClusterNodeOptions
{
    public StorageKind Storage { get; set; } = StorageKind.Memory;

    /// <summary>Names the SQLite directory; silos given the same name share their state.</summary>
    public string Database { get; set; } = TestDatabases.NewName();

    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan ViewRefreshWait { get; set; } = TimeSpan.FromMilliseconds(200);

    public Probe Probe { get; set; } = new();
}
