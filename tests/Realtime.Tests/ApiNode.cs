using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Realtime.Presence;

namespace Playbound.Realtime.Tests;

/// <summary>An Api node as far as presence goes: a host with <see cref="ConnectedUsers"/> and the Redis announcer.</summary>
internal sealed class ApiNode : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _done;

    private ApiNode(IHost host)
    {
        _host = host;
        Users = host.Services.GetRequiredService<ConnectedUsers>();
    }

    /// <summary>What the hub records on connects and disconnects.</summary>
    public ConnectedUsers Users { get; }

    public static async Task<ApiNode> StartAsync(string channel, TimeSpan? snapshotInterval = null, string? redis = null)
    {
        var host = new HostBuilder()
            .ConfigureLogging(static logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.AddRedisPresenceAnnouncer(redis ?? TestRedis.Address, o =>
            {
                o.Channel = channel;
                if (snapshotInterval is { } interval)
                {
                    o.SnapshotInterval = interval;
                    o.Ttl = 2 * interval;
                }
            }))
            .Build();
        await host.StartAsync();
        return new ApiNode(host);
    }

    /// <summary>A graceful stop: the node says goodbye.</summary>
    public async Task StopAsync()
    {
        _done = true;
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>A crash: the node's connection closes without a goodbye and it never speaks again.</summary>
    public void Crash()
    {
        _done = true;
        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_done)
        {
            await StopAsync();
        }
    }
}
