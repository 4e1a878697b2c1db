using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Playbound.Hosting;
using Playbound.Streaming.Sqlite;

namespace Playbound.LoadGen;

/// <summary>An embedded silo on a data directory, as the Api runs it, for seeding and in-process measurements.</summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataDirectory;

    private SiloHost(IHost host, string dataDirectory) => (_host, _dataDirectory) = (host, dataDirectory);

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<SiloHost> StartAsync(string dataDirectory, params (string Key, string Value)[] settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(
            [KeyValuePair.Create("Playbound:DataDir", (string?)dataDirectory), .. settings.Select(static s => KeyValuePair.Create(s.Key, (string?)s.Value))]);
        builder.AddPlayboundSilo();
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHost(host, dataDirectory);
    }

    /// <summary>Waits until the embedded event queue is empty: every event published so far was delivered.</summary>
    public async Task DrainEventQueueAsync()
    {
        var options = new SqliteStreamOptions { DatabasePath = Path.Combine(_dataDirectory, StorageSettings.EventQueueFile) };
        await using var queue = new SqliteQueueStore(options, NullLogger.Instance);
        while (await queue.CountUndeliveredAsync() > 0)
        {
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
