using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Grains;
using Playbound.Grains.Stores;
using Playbound.Runtime.Hosting;

namespace Playbound.Hosting;

/// <summary>Adds a silo hosting Playbound's grains, with the storage the configuration names.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The switch to cluster mode: placement by hash and remote calls on <c>Playbound:Cluster:SiloPort</c>. Off by default (embedded).</summary>
    public const string ClusterEnabledKey = "Playbound:Cluster:Enabled";

    /// <summary>
    /// Adds the silo, its grain storage and the social stores (<c>Playbound:Storage</c>: <c>Sqlite</c> under
    /// <c>Playbound:DataDir</c>, the default, or <c>Postgres</c> with <c>ConnectionStrings:Postgres</c>), the social
    /// grains' options and id generator (<c>Playbound:Feed</c>, <c>Playbound:NodeId</c>), a readiness check through a grain,
    /// and, when <see cref="ClusterEnabledKey"/> is true, the cluster transport.
    /// </summary>
    public static IHostApplicationBuilder AddPlayboundSilo(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        switch (storage.Kind)
        {
            case StorageKind.Sqlite:
                builder.Services.AddSqliteGrainStorage(o => o.DataDirectory = storage.DataDirectory);
                builder.Services.AddSqliteSocialStores(o => o.DataDirectory = storage.DataDirectory);
                break;
            case StorageKind.Postgres:
                builder.Services.AddPostgresGrainStorage(o => o.ConnectionString = storage.PostgresConnectionString!);
                builder.Services.AddPostgresSocialStores(o => o.ConnectionString = storage.PostgresConnectionString!);
                break;
        }

        builder.Services.AddSocialGrains();

        // Cluster mode is opt-in: the silo then needs an IClusterMembership (the PostgreSQL membership) registered.
        var clustered = builder.Configuration.GetValue<bool>(ClusterEnabledKey);
        builder.Services.AddPlayboundSilo(silo =>
        {
            silo.AddGrains(typeof(HealthGrain).Assembly);
            if (clustered)
            {
                silo.UseClusterTransport();
            }
        });
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
