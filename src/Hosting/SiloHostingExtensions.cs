using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Grains;
using Playbound.Grains.Stores;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Resilience;
using Playbound.Realtime.RabbitMq;
using Playbound.Streams.RabbitMq;

namespace Playbound.Hosting;

/// <summary>Adds a silo hosting Playbound's grains, with the storage the configuration names.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the silo, its grain storage and the social stores (<c>Playbound:Storage</c>: <c>Sqlite</c> under
    /// <c>Playbound:DataDir</c>, the default, or <c>Postgres</c> with <c>ConnectionStrings:Postgres</c>), the social
    /// grains' options and id generator (<c>Playbound:Feed</c>, <c>Playbound:NodeId</c>), a readiness check through a grain,
    /// and one that fails while a dependency circuit (storage, broker: <c>Playbound:Resilience</c>) is open.
    /// With <c>Playbound:Cluster:Enabled</c> the silo also joins cluster membership in the same PostgreSQL database
    /// (<see cref="ClusterSettings"/>, <c>Playbound:Cluster:Membership</c>), is ready only while active in it, and
    /// serves and sends grain calls over the cluster transport on <c>Playbound:Cluster:SiloPort</c>, and sends realtime
    /// pushes through RabbitMQ (<c>Playbound:Realtime:RabbitMq</c>) and its stream events through RabbitMQ stream queues
    /// (<c>Playbound:Streams:RabbitMq</c>).
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

        var cluster = ClusterSettings.From(builder.Configuration, storage);
        if (cluster.Enabled)
        {
            // Silos hold no sockets: pushes and presence go through the broker to the Api nodes.
            builder.Services.AddRabbitMqRealtime();
        }

        builder.Services.AddPlayboundSilo(silo =>
        {
            silo.AddGrains(typeof(HealthGrain).Assembly);
            if (cluster.Enabled)
            {
                silo.UseClusterMembership(cluster.AdvertisedHost, cluster.SiloPort, o => o.ConnectionString = storage.PostgresConnectionString!);
                silo.UseClusterTransport(o => o.SiloPort = cluster.SiloPort);
                silo.UseRabbitMqStreams(storage.PostgresConnectionString!);
            }
        });

        builder.Services.AddSingleton<SiloHealthCheck>();
        var health = builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<DependencyCircuitsHealthCheck>(DependencyCircuitsHealthCheck.Name, tags: [ServiceDefaultsExtensions.ReadyTag]);
        if (cluster.Enabled)
        {
            health.AddCheck<MembershipHealthCheck>("membership", tags: [ServiceDefaultsExtensions.ReadyTag]);
        }

        return builder;
    }
}
