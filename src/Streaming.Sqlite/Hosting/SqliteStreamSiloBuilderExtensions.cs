using Orleans.Hosting;

namespace Playbound.Streaming.Sqlite.Hosting;

/// <summary>Adds SQLite-backed persistent streams to a silo.</summary>
public static class SqliteStreamSiloBuilderExtensions
{
    /// <summary>Adds stream provider <paramref name="name"/> on the queue tables of <see cref="SqliteStreamOptions.DatabasePath"/>.</summary>
    public static ISiloBuilder AddSqliteStreams(this ISiloBuilder builder, string name, Action<SqliteStreamOptions> configure) =>
        builder.AddSqliteStreams(name, configurator => configurator.ConfigureSqlite(configure));

    /// <summary>Adds stream provider <paramref name="name"/>, configured in full through <paramref name="configure"/>.</summary>
    public static ISiloBuilder AddSqliteStreams(this ISiloBuilder builder, string name, Action<SiloSqliteStreamConfigurator> configure)
    {
        configure(new SiloSqliteStreamConfigurator(name, services => builder.ConfigureServices(services)));
        return builder;
    }
}
