using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playbound.Grains.Realtime;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Resilience;

namespace Playbound.Realtime.RabbitMq;

/// <summary>Registers realtime routing through RabbitMQ (cluster mode), on silos and on Api nodes.</summary>
public static class RabbitMqRealtimeExtensions
{
    /// <summary>
    /// For a silo: replaces <see cref="IUserPresence"/> with the users connected to any Api node and
    /// <see cref="IRealtimePublisher"/> with publishing to the broker (<see cref="RabbitMqRealtimeOptions"/>, validated
    /// at startup), publishing through the <see cref="DependencyCircuits.Broker"/> circuit. Call before or after the
    /// grains' own registration.
    /// </summary>
    public static IServiceCollection AddRabbitMqRealtime(this IServiceCollection services)
    {
        services.AddRabbitMqRealtimeOptions();
        services.AddDependencyCircuit<BrokerCircuitSetup>(DependencyCircuits.Broker);
        services.TryAddSingleton<RabbitMqRealtimePublisher>();
        services.TryAddSingleton<ClusterPresence>();
        services.Replace(ServiceDescriptor.Singleton<IRealtimePublisher>(static sp => sp.GetRequiredService<RabbitMqRealtimePublisher>()));
        services.Replace(ServiceDescriptor.Singleton<IUserPresence>(static sp => sp.GetRequiredService<ClusterPresence>()));
        services.AddHostedService(static sp => sp.GetRequiredService<RabbitMqRealtimePublisher>());
        services.AddHostedService<PresenceListener>();
        return services;
    }

    /// <summary>
    /// For an Api node: receives the pushes for the users connected here and the posts watched here, hands them to
    /// <typeparamref name="TDelivery"/>, and announces the users to the silos. The hub reports its connections through
    /// <see cref="IRealtimeRouting"/>, which this replaces.
    /// </summary>
    public static IServiceCollection AddRabbitMqRealtimeNode<TDelivery>(this IServiceCollection services)
        where TDelivery : class, IRealtimeDelivery
    {
        services.AddRabbitMqRealtimeOptions();
        services.TryAddSingleton<TDelivery>();
        services.Replace(ServiceDescriptor.Singleton<IRealtimeDelivery>(static sp => sp.GetRequiredService<TDelivery>()));
        services.TryAddSingleton<RealtimeNode>();
        services.Replace(ServiceDescriptor.Singleton<IRealtimeRouting>(static sp => sp.GetRequiredService<RealtimeNode>()));
        services.AddHostedService(static sp => sp.GetRequiredService<RealtimeNode>());
        return services;
    }

    private static void AddRabbitMqRealtimeOptions(this IServiceCollection services)
    {
        services.AddOptions<RabbitMqRealtimeOptions>().BindConfiguration(RabbitMqRealtimeOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RabbitMqRealtimeOptions>, RabbitMqRealtimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
    }
}
