using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Streams;
using Playbound.Grains;
using Playbound.Grains.Accounts.Deletion;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Resilience;
using Playbound.Hosting.Telemetry;
using Playbound.Persistence.Sqlite;
using Playbound.Realtime;
using Playbound.Realtime.Presence;
using Playbound.Streaming.Kafka;
using Playbound.Streaming.Sqlite.Hosting;
using Playbound.Grains.Stores.Redis;
using StackExchange.Redis;

namespace Playbound.Hosting;

/// <summary>Adds an Orleans silo hosting Playbound's grains, configured from <c>Playbound:*</c>.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the silo. Embedded mode (the default): localhost clustering, grain state and the event queue in SQLite
    /// files under <c>Playbound:DataDir</c>. Cluster mode (<c>Playbound:Cluster:Enabled</c>, see <see cref="ClusterSettings"/>):
    /// Redis clustering, grain state and home feeds (<c>ConnectionStrings:Redis</c>), events on Kafka (<c>Playbound:Streams:Kafka</c>),
    /// realtime pushes through the SignalR Redis backplane to whichever Api node holds each socket, and Orleans' failure
    /// detection tuned by <c>Playbound:Cluster:Membership</c> (bound onto <see cref="ClusterMembershipOptions"/>).
    /// Where traces are collected (<see cref="TelemetryExtensions.TracesEnabled"/>), grain calls carry the caller's trace
    /// (Orleans' activity propagation) and stream consumers continue the publisher's (<see cref="StreamDeliveryTracingFilter"/>);
    /// with <c>Playbound:Dashboard:Enabled</c> the silo runs the Orleans Dashboard (see <see cref="DashboardSettings"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPlayboundSilo(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        var cluster = ClusterSettings.From(builder.Configuration, storage);
        var dashboard = DashboardSettings.From(builder.Configuration);
        builder.Services.AddSingleton(dashboard);
        builder.AddPlayboundSiloServices();
        builder.UseOrleans(silo =>
        {
            if (TelemetryExtensions.TracesEnabled(builder.Configuration))
            {
                silo.AddActivityPropagation();
                silo.AddIncomingGrainCallFilter<StreamDeliveryTracingFilter>();
            }

            if (dashboard.Enabled)
            {
                silo.AddDashboard();
            }

            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            if (cluster.Enabled)
            {
                var redis = cluster.RedisOptions();
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
                silo.ConfigureEndpoints(cluster.AdvertisedHost, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection(ClusterSettings.MembershipSection));
                if (cluster.Kubernetes)
                {
                    silo.UseKubernetesHosting();
                }
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
            }

            silo.AddPlayboundProviders(builder.Configuration);
            silo.AddOutgoingGrainCallFilter<TransientCallRetryFilter>();
        });

        if (cluster.Enabled)
        {
            // Silos hold no sockets: pushes go through the backplane, presence comes from the Api nodes.
            builder.Services.AddFeedHub(cluster.Redis, cluster.ClusterId);
            builder.Services.AddRedisPresenceReplica(cluster.Redis!, o => o.Channel = cluster.PresenceChannel);

            // Feeds are data of the service, not of one deployment: their keys carry the service id.
            var redis = cluster.RedisOptions();
            redis.AbortOnConnectFail = false;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
            builder.Services.AddRedisFeedStore(keyPrefix: cluster.ServiceId);
            builder.Services.AddRedisPostViewInvalidation(cluster.PostViewChannel);
        }

        return builder;
    }

    /// <summary>
    /// The silo's services apart from Orleans itself: the social stores (<c>Playbound:Storage</c>: <c>Sqlite</c> under
    /// <c>Playbound:DataDir</c>, or <c>Postgres</c> with <c>ConnectionStrings:Postgres</c>), the grains' options and id
    /// generator (<c>Playbound:Feed</c>, <c>Playbound:NodeId</c>), and readiness checks: a grain call through storage, and
    /// the social store's circuit.
    /// </summary>
    public static IHostApplicationBuilder AddPlayboundSiloServices(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        switch (storage.Kind)
        {
            case StorageKind.Sqlite:
                builder.Services.AddSqliteSocialStores(o => o.DataDirectory = storage.DataDirectory);
                break;
            case StorageKind.Postgres:
                builder.Services.AddPostgresSocialStores(o => o.ConnectionString = storage.PostgresConnectionString!);
                break;
        }

        builder.Services.AddSocialGrains();
        builder.Services.AddSingleton<SiloHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag])
            .AddCheck<DependencyCircuitsHealthCheck>(DependencyCircuitsHealthCheck.Name, tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }

    /// <summary>
    /// Grain storage and the event streams of the mode <paramref name="configuration"/> names: our SQLite storage and
    /// SQLite queue in embedded mode; Orleans' Redis storage and our Kafka provider in cluster mode. Only implicit
    /// subscriptions are used, so no pub-sub store is needed.
    /// </summary>
    public static ISiloBuilder AddPlayboundProviders(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = StorageSettings.From(configuration);
        var cluster = ClusterSettings.From(configuration, storage);
        AllowDeletionReminders(silo, configuration);
        if (cluster.Enabled)
        {
            silo.UseRedisReminderService(o => o.ConfigurationOptions = cluster.RedisOptions());
            silo.AddRedisGrainStorageAsDefault(o =>
            {
                o.ConfigurationOptions = cluster.RedisOptions();

                // A cleared state (a deleted account's user, handle and posts) leaves no key behind.
                o.DeleteStateOnClear = true;
            });
            silo.AddKafkaStreams(
                StreamNamespaces.ProviderName,
                o => StreamSettings.BindKafka(configuration, o),
                stream =>
                {
                    stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                    stream.ConfigurePullingAgent(o => o.Configure(StreamSettings.ConfigurePullingAgent));
                });
            return silo;
        }

        var dataDirectory = storage.DataDirectory;
        silo.AddSqliteGrainStorageAsDefault(o => o.DatabasePath = Path.Combine(dataDirectory, StorageSettings.GrainStateFile));
        silo.UseSqliteReminderService(o => o.DatabasePath = Path.Combine(dataDirectory, StorageSettings.ReminderFile));
        silo.AddSqliteStreams(StreamNamespaces.ProviderName, stream =>
        {
            stream.ConfigureSqlite(o => o.DatabasePath = Path.Combine(dataDirectory, StorageSettings.EventQueueFile));
            stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            stream.ConfigurePullingAgent(o => o.Configure(StreamSettings.ConfigurePullingAgent));
        });
        return silo;
    }

    /// <summary>
    /// Lowers Orleans' shortest reminder period (a minute) to <c>Playbound:Accounts:Deletion:ReminderPeriod</c> when that
    /// is shorter, so a deletion cut short by a crash can be resumed sooner than once a minute.
    /// </summary>
    private static void AllowDeletionReminders(ISiloBuilder silo, IConfiguration configuration)
    {
        var deletion = new AccountDeletionOptions();
        configuration.GetSection(AccountDeletionOptions.SectionName).Bind(deletion);
        silo.Configure<ReminderOptions>(o =>
        {
            if (deletion.ReminderPeriod < o.MinimumReminderPeriod)
            {
                o.MinimumReminderPeriod = deletion.ReminderPeriod;
            }
        });
    }
}
