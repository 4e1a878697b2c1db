using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Playbound.Streaming.Sqlite.Hosting;

/// <summary>Configures one SQLite stream provider of a silo: its options, queue count and cache.</summary>
public sealed class SiloSqliteStreamConfigurator : SiloPersistentStreamConfigurator
{
    /// <summary>Default for <see cref="ConfigurePartitioning"/>: enough queues for a few silos to share, few enough to poll cheaply.</summary>
    public const int DefaultQueueCount = 4;

    /// <summary>Registers provider <paramref name="name"/> through <paramref name="configureServices"/>.</summary>
    public SiloSqliteStreamConfigurator(string name, Action<Action<IServiceCollection>> configureServices)
        : base(name, configureServices, SqliteQueueAdapterFactory.Create)
    {
        ConfigureDelegate(services => services
            .ConfigureNamedOptionForLogging<SqliteStreamOptions>(name)
            .ConfigureNamedOptionForLogging<HashRingStreamQueueMapperOptions>(name)
            .ConfigureNamedOptionForLogging<SimpleQueueCacheOptions>(name)
            .AddTransient<IConfigurationValidator>(sp => new SqliteStreamOptionsValidator(sp.GetRequiredService<IOptionsMonitor<SqliteStreamOptions>>().Get(name), name)));
        ConfigurePartitioning(DefaultQueueCount);
    }

    /// <summary>Sets the provider's <see cref="SqliteStreamOptions"/>.</summary>
    public SiloSqliteStreamConfigurator ConfigureSqlite(Action<SqliteStreamOptions> configure)
    {
        this.Configure<SqliteStreamOptions>(builder => builder.Configure(configure));
        return this;
    }

    /// <summary>Sets how many queues the provider's streams are spread over; each is read by one silo at a time.</summary>
    public SiloSqliteStreamConfigurator ConfigurePartitioning(int queueCount)
    {
        this.Configure<HashRingStreamQueueMapperOptions>(builder => builder.Configure(o => o.TotalQueueCount = queueCount));
        return this;
    }
}
