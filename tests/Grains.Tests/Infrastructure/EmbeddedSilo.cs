using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Playbound.Hosting;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>
/// A plain host with <c>AddPlayboundSilo</c> in embedded mode, as the Api and Silo run it: one silo with localhost
/// clustering and its SQLite files under <c>Playbound:DataDir</c>.
/// </summary>
public static class EmbeddedSilo
{
    /// <summary>Builds (does not start) the host; <paramref name="configureServices"/> runs after the product's registrations.</summary>
    public static IHost Build(IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPlayboundSilo();
        UseFreePorts(builder.Services);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// Embedded mode listens on Orleans' default ports (11111, 30000), which another silo on this machine may hold;
    /// the localhost primary silo endpoint follows <see cref="EndpointOptions"/>, so moving both is enough.
    /// </summary>
    public static void UseFreePorts(IServiceCollection services)
    {
        var first = LoopbackPorts.NextRange(2);
        services.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (first, first + 1));
    }
}
