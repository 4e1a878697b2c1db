using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Resilience;
using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Hosting;

/// <summary>
/// Registers grain storage providers. Each provider is a keyed <see cref="IGrainStorage"/> singleton under its name
/// and, as the same instance, one of the <see cref="IOutboxStore"/> services (so <c>IEnumerable&lt;IOutboxStore&gt;</c>
/// yields every provider for the stream relay). The SQL providers are registered behind the
/// <see cref="DependencyCircuits.Storage"/> circuit (<see cref="ResilientGrainStorage"/>).
/// </summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds an in-memory provider (tests, experiments): enforces ETags, keeps nothing across restarts.</summary>
    public static IServiceCollection AddMemoryGrainStorage(this IServiceCollection services, string name = GrainStorageNames.Default)
    {
        AddShared(services, name);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new MemoryGrainStorage(
            provider.GetRequiredService<GrainSerializer>(),
            provider.GetRequiredService<OutboxSignal>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Adds the embedded SQLite provider as the <see cref="GrainStorageNames.Default"/> storage.</summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services, Action<SqliteGrainStorageOptions>? configure = null) =>
        services.AddSqliteGrainStorage(GrainStorageNames.Default, configure);

    /// <summary>Adds the embedded SQLite provider under <paramref name="name"/>, with named options of that name.</summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services, string name, Action<SqliteGrainStorageOptions>? configure)
    {
        AddShared(services, name);
        services.AddDependencyCircuit<StorageCircuitSetup>(DependencyCircuits.Storage);
        AddOptions(services, name, configure);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SqliteGrainStorageOptions>, SqliteGrainStorageOptionsValidator>());
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => Resilient(provider, new SqliteGrainStorage(
            name,
            provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name),
            provider.GetRequiredService<GrainSerializer>(),
            provider.GetRequiredService<OutboxSignal>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SqliteGrainStorage>>())));
        return services;
    }

    /// <summary>Adds the PostgreSQL provider as the <see cref="GrainStorageNames.Default"/> storage.</summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services, Action<PostgresGrainStorageOptions>? configure = null) =>
        services.AddPostgresGrainStorage(GrainStorageNames.Default, configure);

    /// <summary>Adds the PostgreSQL provider under <paramref name="name"/>, with named options of that name.</summary>
    public static IServiceCollection AddPostgresGrainStorage(
        this IServiceCollection services, string name, Action<PostgresGrainStorageOptions>? configure)
    {
        AddShared(services, name);
        services.AddDependencyCircuit<StorageCircuitSetup>(DependencyCircuits.Storage);
        AddOptions(services, name, configure);
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PostgresGrainStorageOptions>, PostgresGrainStorageOptionsValidator>());
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => Resilient(provider, new PostgresGrainStorage(
            name,
            provider.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name),
            provider.GetRequiredService<GrainSerializer>(),
            provider.GetRequiredService<OutboxSignal>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<PostgresGrainStorage>>())));
        return services;
    }

    // The SQL providers reach a database that can go away; the in-memory one cannot, so it stays undecorated.
    private static ResilientGrainStorage Resilient(IServiceProvider provider, BatchingGrainStorage storage) =>
        new(storage, provider.GetRequiredService<DependencyCircuits>().Get(DependencyCircuits.Storage));

    private static void AddOptions<TOptions>(IServiceCollection services, string name, Action<TOptions>? configure)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Fail at host start, not at the first grain activation, when the options are unusable.
        options.ValidateOnStart();
    }

    private static void AddShared(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.AddLogging();
        services.TryAddSingleton<GrainSerializer>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton(TimeProvider.System);

        // The same instance as the keyed storage: one provider object, one writer loop, one outbox.
        services.AddSingleton<IOutboxStore>(provider => (IOutboxStore)provider.GetRequiredKeyedService<IGrainStorage>(name));
    }
}
