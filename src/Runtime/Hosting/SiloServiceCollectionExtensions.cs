using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Messaging;
using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Streams;

namespace Playbound.Runtime.Hosting;

/// <summary>Registers a silo in a host.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>The configuration section the runtime options bind to (<c>Playbound:Runtime:Messaging</c>, ...).</summary>
    public const string ConfigurationSection = "Playbound:Runtime";

    /// <summary>
    /// Adds a silo: catalog, activations, call dispatch, idle collection, durable streams and the outbox relay.
    /// A default grain storage must be registered too (e.g. <c>AddSqliteGrainStorage</c>).
    /// </summary>
    public static IServiceCollection AddPlayboundSilo(this IServiceCollection services, Action<SiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new SiloBuilder(services);
        configure(builder);

        AddRuntimeCore(services, builder);
        services.AddSingleton<IStreamProvider, DurableStreamProvider>();
        services.AddSingleton<ImplicitSubscriptionTable>();
        services.AddSingleton(static sp => new StreamEventDispatcher(
            sp.GetRequiredService<ImplicitSubscriptionTable>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StreamEventDispatcher>>()));
        services.AddSingleton<ActivationCollector>();

        // Hosted services stop in reverse order: collector and relay first, then every activation deactivates.
        services.AddHostedService<SiloLifecycle>();
        services.AddSingleton(typeof(IHostedService), builder.StreamRelayType);
        services.AddHostedService(static sp => sp.GetRequiredService<ActivationCollector>());
        return services;
    }

    /// <summary>What every process that makes grain calls needs, silo or gateway: options, types, catalog, invoker, factory.</summary>
    internal static void AddRuntimeCore(IServiceCollection services, SiloBuilder builder)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration($"{ConfigurationSection}:Messaging").ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().BindConfiguration($"{ConfigurationSection}:Collection").ValidateOnStart();
        services.AddOptions<StreamOptions>().BindConfiguration($"{ConfigurationSection}:Streams").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, RuntimeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCollectionOptions>, RuntimeOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StreamOptions>, RuntimeOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainSerializer>();
        services.TryAddSingleton<OutboxSignal>();
        services.AddSingleton(new GrainTypeManager(builder.GrainAssemblies));
        services.AddSingleton<GrainActivator>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<Catalog>();
        services.AddSingleton<IGrainCallInvoker, GrainCallInvoker>();
        services.AddSingleton<IGrainFactory, GrainFactory>();
    }
}
