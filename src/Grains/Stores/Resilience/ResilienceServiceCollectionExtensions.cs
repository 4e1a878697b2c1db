using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Playbound.Grains.Stores.Resilience;

/// <summary>Registers the dependency circuits (<see cref="DependencyCircuits"/>) and the calling sides' error rules.</summary>
public static class ResilienceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="DependencyCircuits"/> registry, its options validator and the binding of every circuit's
    /// options from <c>Playbound:Resilience:{name}</c>. Safe to call more than once. The hosts register
    /// <see cref="DependencyCircuitsHealthCheck"/> with their other readiness checks.
    /// </summary>
    public static IServiceCollection AddDependencyCircuits(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DependencyCircuits>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DependencyCircuitOptions>, DependencyCircuitOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IPostConfigureOptions<DependencyCircuitOptions>, DependencyCircuitConfiguration>());
        return services;
    }

    /// <summary>
    /// Adds the circuit <paramref name="name"/> with the calling side's rules in <typeparamref name="TSetup"/>: which
    /// errors are transient, which are normal outcomes, and any defaults of its own. Its options are validated at
    /// host start. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddDependencyCircuit<TSetup>(this IServiceCollection services, string name)
        where TSetup : class, IConfigureNamedOptions<DependencyCircuitOptions>
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        services.AddDependencyCircuits();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<DependencyCircuitOptions>, TSetup>());
        services.AddOptions<DependencyCircuitOptions>(name).ValidateOnStart();
        return services;
    }
}
