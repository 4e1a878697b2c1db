using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Persistence.Sqlite;
using StackExchange.Redis;

namespace Playbound.Engine.Bench;

/// <summary>A silo host on loopback; several in one process form a cluster through the first one's endpoint.</summary>
public sealed class BenchSilo(IHost host) : IAsyncDisposable
{
    private const int BaseSiloPort = 21111;
    private const int BaseGatewayPort = 23000;

    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts silo <paramref name="instance"/> (0 is the primary) with the given grain storage as default.</summary>
    public static async Task<BenchSilo> StartAsync(int instance, string storage, EngineBenchOptions options, int batchSize)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            var primary = new IPEndPoint(IPAddress.Loopback, BaseSiloPort);
            silo.UseLocalhostClustering(BaseSiloPort + instance, BaseGatewayPort + instance, primary);
            switch (storage)
            {
                case "sqlite":
                    var path = Path.Combine(Directory.CreateTempSubdirectory("playbound-bench-").FullName, "grains.db");
                    silo.AddSqliteGrainStorageAsDefault(o => (o.DatabasePath, o.MaxBatchSize) = (path, batchSize));
                    break;
                case "redis":
                    silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
                    break;
                default:
                    silo.AddMemoryGrainStorageAsDefault();
                    break;
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
