using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Grains;
using Playbound.Runtime.Hosting;

namespace Playbound.Hosting;

/// <summary>How an Api node reaches the grains: through a silo of its own, or as a gateway to the silo cluster.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>
    /// In embedded mode (the default) co-hosts a silo (<see cref="SiloHostingExtensions.AddPlayboundSilo"/>). With
    /// <c>Playbound:Cluster:Enabled</c> the process hosts no grains: it reads cluster membership from PostgreSQL and
    /// sends every grain call straight to the silo that owns the grain, so Api nodes stay stateless, never take part
    /// in placement and never generate ids. Readiness then means a grain call round-trips through a silo.
    /// </summary>
    public static IHostApplicationBuilder AddPlayboundGateway(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        var cluster = ClusterSettings.From(builder.Configuration, storage);
        if (!cluster.Enabled)
        {
            return builder.AddPlayboundSilo();
        }

        builder.Services.AddPostgresGatewayMembership(o => o.ConnectionString = storage.PostgresConnectionString!);
        builder.Services.AddPlayboundClusterClient(static silo => silo.AddGrains(typeof(HealthGrain).Assembly));
        builder.Services.AddSingleton<SiloHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("cluster", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
