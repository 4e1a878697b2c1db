using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Grains;
using Playbound.Grains.Stores;
using Playbound.Runtime.Hosting;

namespace Playbound.Hosting;

/// <summary>Adds a silo hosting Playbound's grains, with the storage the configuration names.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Adds the silo, its grain storage and the social stores (<c>Playbound:Storage</c>: <c>Sqlite</c> under
    /// <c>Playbound:DataDir</c>, the default, or <c>Postgres</c> with <c>ConnectionStrings:Postgres</c>), the social
    /// grains' options and id generator (<c>Playbound:Feed</c>, <c>Playbound:NodeId</c>) and a readiness check through a grain.
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

        builder.Services.AddPlayboundSilo(silo => silo.AddGrains(typeof(HealthGrain).Assembly));
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
