using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Messaging;
using Playbound.Runtime.Networking;
using Playbound.Runtime.Placement;

namespace Playbound.Runtime.Hosting;

/// <summary>
/// Cluster mode: hash placement over the active silos and grain calls over TCP. Both registrations need an
/// <see cref="Membership.IClusterMembership"/> (the PostgreSQL membership, or a test fake); without one the runtime
/// stays in embedded mode, where every call goes to the local catalog.
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Makes this silo a cluster member: it listens on <c>Playbound:Cluster:SiloPort</c>, serves calls for the grains
    /// it owns, sends the others to their owners, and deactivates grains whose ownership moved.
    /// </summary>
    public static SiloBuilder UseClusterTransport(this SiloBuilder builder, Action<ClusterTransportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        AddClusterCore(services, configure);
        services.AddSingleton<IncomingCallDispatcher>();
        services.AddSingleton<SiloListener>();
        services.AddSingleton<OwnershipMonitor>();
        services.AddHostedService(static sp => sp.GetRequiredService<SiloListener>());
        services.AddHostedService(static sp => sp.GetRequiredService<OwnershipMonitor>());
        return builder;
    }

    /// <summary>
    /// Adds a cluster client for a process that hosts no grains (an Api gateway): <see cref="IGrainFactory"/> whose
    /// calls all go to the owning silos. No listener, no activations. The grain assemblies given to
    /// <paramref name="configure"/> only map grain interfaces to grain type names.
    /// </summary>
    public static IServiceCollection AddPlayboundClusterClient(
        this IServiceCollection services, Action<SiloBuilder> configure, Action<ClusterTransportOptions>? configureTransport = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new SiloBuilder(services);
        configure(builder);
        SiloServiceCollectionExtensions.AddRuntimeCore(services, builder);
        AddClusterCore(services, configureTransport);
        return services;
    }

    private static void AddClusterCore(IServiceCollection services, Action<ClusterTransportOptions>? configure)
    {
        var options = services.AddOptions<ClusterTransportOptions>()
            .BindConfiguration(ClusterTransportOptions.ConfigurationSection).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterTransportOptions>, ClusterTransportOptionsValidator>());
        services.TryAddSingleton<IPlacementDirector, HashPlacement>();
        services.TryAddSingleton<GrainLocator>();
        services.TryAddSingleton<MembershipWaiter>();
        services.TryAddSingleton<ConnectionManager>();
        services.TryAddSingleton<ClusterCallRouter>();
    }
}
