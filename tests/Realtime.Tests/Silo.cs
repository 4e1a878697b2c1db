using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Grains.Realtime;
using Playbound.Realtime.Presence;

namespace Playbound.Realtime.Tests;

/// <summary>A silo as far as presence goes: a host with the Redis replica behind <see cref="IUserPresence"/>.</summary>
internal sealed class Silo : IAsyncDisposable
{
    private const int ReplicaStartedEventId = 4123;
    private readonly IHost _host;

    private Silo(IHost host, LogCapture logs)
    {
        _host = host;
        Logs = logs;
        Presence = host.Services.GetRequiredService<IUserPresence>();
    }

    /// <summary>What the fan-out asks.</summary>
    public IUserPresence Presence { get; }

    public LogCapture Logs { get; }

    public static async Task<Silo> StartAsync(string channel, TimeProvider? time = null, string? redis = null)
    {
        var logs = new LogCapture();
        var host = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug))
            .ConfigureServices(services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }

                services.AddRedisPresenceReplica(redis ?? TestRedis.Address, o => o.Channel = channel);
            })
            .Build();
        await host.StartAsync();
        // Subscribed (and hello sent) before a test publishes anything, or its messages would reach no one.
        await Eventually.TrueAsync(() => logs.Count(ReplicaStartedEventId) == 1, "the replica subscribed");
        return new Silo(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
