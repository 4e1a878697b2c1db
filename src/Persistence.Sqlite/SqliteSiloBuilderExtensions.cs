using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Playbound.Persistence.Sqlite;

/// <summary>Adds SQLite grain storage to a silo.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>Adds a SQLite grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure);
        builder.Services.AddTransient<IConfigurationValidator>(services => new SqliteGrainStorageOptionsValidator(
            services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name), name));
        builder.Services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
        builder.Services.ConfigureNamedOptionForLogging<SqliteGrainStorageOptions>(name);
        builder.Services.AddGrainStorage(name, SqliteGrainStorageFactory.Create);
        return builder;
    }

    /// <summary>Adds a SQLite grain storage as the silo's default.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteGrainStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);
}
