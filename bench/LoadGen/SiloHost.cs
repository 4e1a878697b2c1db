using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Hosting;
using Playbound.Runtime;
using Playbound.Runtime.Storage;

namespace Playbound.LoadGen;

/// <summary>An embedded silo on a data directory, as the Api runs it, for seeding and in-process measurements.</summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloHost(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<SiloHost> StartAsync(string dataDirectory, params (string Key, string Value)[] settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(
            [KeyValuePair.Create("Playbound:DataDir", (string?)dataDirectory), .. settings.Select(static s => KeyValuePair.Create(s.Key, (string?)s.Value))]);
        builder.AddPlayboundSilo();
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHost(host);
    }

    /// <summary>Waits until every outbox event (fan-out, notifications) has been delivered.</summary>
    public async Task DrainOutboxAsync()
    {
        foreach (var outbox in _host.Services.GetServices<IOutboxStore>())
        {
            while ((await outbox.ReadPendingAsync(1, CancellationToken.None)).Count > 0)
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
