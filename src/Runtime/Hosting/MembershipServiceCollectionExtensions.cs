using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Hosting;

/// <summary>
/// Registers cluster membership in PostgreSQL: a silo's <see cref="MembershipAgent"/> or a gateway's
/// <see cref="MembershipReader"/>, each as the process's <see cref="IClusterMembership"/>.
/// </summary>
public static class MembershipServiceCollectionExtensions
{
    /// <summary>The configuration section <see cref="MembershipOptions"/> bind to.</summary>
    public const string ConfigurationSection = "Playbound:Cluster:Membership";

    /// <summary>
    /// Makes this process a silo of the cluster, reachable at <paramref name="advertisedHost"/>:<paramref name="siloPort"/>
    /// with a new generation (the start time in Unix milliseconds). Options bind to <see cref="ConfigurationSection"/>;
    /// <paramref name="configure"/> runs after.
    /// </summary>
    public static IServiceCollection AddPostgresClusterMembership(
        this IServiceCollection services, string advertisedHost, int siloPort, Action<MembershipOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(advertisedHost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(siloPort);
        AddTable(services, configure);
        services.AddSingleton(sp => new SiloAddress(
            advertisedHost, siloPort, sp.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds()));
        services.AddSingleton(sp => new MembershipAgent(
            sp.GetRequiredService<SiloAddress>(),
            sp.GetRequiredService<IMembershipTable>(),
            sp.GetRequiredService<IOptions<MembershipOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MembershipAgent>>(),
            sp.GetService<IHostApplicationLifetime>()));
        services.AddSingleton<IClusterMembership>(static sp => sp.GetRequiredService<MembershipAgent>());
        services.AddHostedService(static sp => sp.GetRequiredService<MembershipAgent>());
        return services;
    }

    /// <summary>Makes this silo join the cluster; see <see cref="AddPostgresClusterMembership"/>.</summary>
    public static SiloBuilder UseClusterMembership(
        this SiloBuilder builder, string advertisedHost, int siloPort, Action<MembershipOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPostgresClusterMembership(advertisedHost, siloPort, configure);
        return builder;
    }

    /// <summary>Makes this process a gateway that only reads the cluster's membership (<see cref="IClusterMembership.LocalSilo"/> is null).</summary>
    public static IServiceCollection AddPostgresGatewayMembership(
        this IServiceCollection services, Action<MembershipOptions>? configure = null)
    {
        AddTable(services, configure);
        services.AddSingleton(sp => new MembershipReader(
            sp.GetRequiredService<IMembershipTable>(),
            sp.GetRequiredService<IOptions<MembershipOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MembershipReader>>()));
        services.AddSingleton<IClusterMembership>(static sp => sp.GetRequiredService<MembershipReader>());
        services.AddHostedService(static sp => sp.GetRequiredService<MembershipReader>());
        return services;
    }

    private static void AddTable(IServiceCollection services, Action<MembershipOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<MembershipOptions>().BindConfiguration(ConfigurationSection);

        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Fail at host start, not at the first heartbeat, when the options are unusable.
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>, MembershipOptionsValidator>());
        services.AddSingleton<IMembershipTable>(static sp =>
            new PostgresMembershipTable(sp.GetRequiredService<IOptions<MembershipOptions>>().Value));
    }
}
