using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Playbound.Persistence.Sqlite;

/// <summary>Builds the named <see cref="SqliteGrainStorage"/> instances a silo asks for.</summary>
public static class SqliteGrainStorageFactory
{
    /// <summary>Creates storage <paramref name="name"/> with its named options.</summary>
    public static SqliteGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name));
}
