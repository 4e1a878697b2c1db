using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Playbound.Hosting.Telemetry;
using StackExchange.Redis;

namespace Playbound.Hosting;

/// <summary>How an Api node reaches the grains: through a silo of its own, or as an Orleans client of the silo cluster.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>
    /// In embedded mode (the default) co-hosts a silo (<see cref="SiloHostingExtensions.AddPlayboundSilo"/>). With
    /// <c>Playbound:Cluster:Enabled</c> the process is an Orleans client that hosts no grains: it finds the silos'
    /// gateways through Redis clustering (refreshed as <c>Playbound:Cluster:Gateway</c>, bound onto Orleans'
    /// <see cref="GatewayOptions"/>, says), so Api nodes stay stateless. Readiness then means a grain call round-trips.
    /// </summary>
    public static IHostApplicationBuilder AddPlayboundGateway(this IHostApplicationBuilder builder)
    {
        var storage = StorageSettings.From(builder.Configuration);
        var cluster = ClusterSettings.From(builder.Configuration, storage);
        if (!cluster.Enabled)
        {
            return builder.AddPlayboundSilo();
        }

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            client.UseRedisClustering(o => o.ConfigurationOptions = cluster.RedisOptions());
            client.Services.Configure<GatewayOptions>(builder.Configuration.GetSection(ClusterSettings.GatewaySection));
            client.AddOutgoingGrainCallFilter<TransientCallRetryFilter>();
            // Grain calls carry the Api request's trace to the silos (traceparent in the RequestContext).
            if (TelemetryExtensions.TracesEnabled(builder.Configuration))
            {
                client.AddActivityPropagation();
            }
        });
        builder.Services.AddSingleton<SiloHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("cluster", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
