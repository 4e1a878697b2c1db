using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Runtime;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Placement;

namespace Playbound.Streams.RabbitMq.Tests;

/// <summary>
/// A silo in a real host whose streams go through RabbitMQ stream queues, on the test's PostgreSQL schema and queue
/// prefix. Grain calls stay local (no cluster transport): silos share only the outbox, the queues and the checkpoints,
/// which is what the stream relay is about.
/// </summary>
public sealed class StreamSilo : IAsyncDisposable
{
    private static int s_nextPort = 20_000;
    private readonly IHost _host;
    private bool _stopped;

    private StreamSilo(IHost host, SiloAddress address)
    {
        _host = host;
        Address = address;
    }

    public SiloAddress Address { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<StreamSilo> StartAsync(StreamTestEnvironment environment, string name)
    {
        var address = new SiloAddress("127.0.0.1", Interlocked.Increment(ref s_nextPort), 1);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(environment.Log);
        builder.Services.AddSingleton(new SiloName(name));
        builder.Services.AddSingleton<IClusterMembership>(environment.Cluster.Join(address));
        builder.Services.AddSingleton<IPlacementDirector, HashPlacement>();
        builder.Services.AddPostgresGrainStorage(o =>
        {
            o.ConnectionString = StreamTestEnvironment.PostgresConnectionString;
            o.Schema = environment.Schema;
        });
        builder.Services.AddPlayboundSilo(silo =>
        {
            silo.AddGrains(typeof(StreamSilo).Assembly);
            silo.UseRabbitMqStreams(StreamTestEnvironment.PostgresConnectionString);
        });
        builder.Services.PostConfigure<RabbitMqStreamOptions>(environment.Configure);
        var host = builder.Build();
        await host.StartAsync();
        return new StreamSilo(host, address);
    }

    /// <summary>Stops gracefully: consumers stop between batches, the relay lock is released.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
