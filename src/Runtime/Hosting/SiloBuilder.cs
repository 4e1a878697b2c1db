using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Runtime.Streams;

namespace Playbound.Runtime.Hosting;

/// <summary>Configures a silo: which assemblies hold grain classes, and which storage and filters it uses.</summary>
public sealed class SiloBuilder(IServiceCollection services)
{
    internal HashSet<Assembly> GrainAssemblies { get; } = [];

    /// <summary>The hosted service that moves outbox events to subscribers; the in-process relay unless replaced.</summary>
    internal Type StreamRelayType { get; private set; } = typeof(OutboxRelay);

    /// <summary>The service collection, for storage providers and filters.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>Adds the grain classes found in <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        GrainAssemblies.Add(assembly);
        return this;
    }

    /// <summary>
    /// Replaces the in-process outbox relay with <typeparamref name="TRelay"/>, a hosted service that carries outbox
    /// events to their subscribers some other way (cluster mode: through a broker) and delivers them with
    /// <see cref="StreamEventDispatcher"/>. It stops before the activations deactivate, as the in-process relay does.
    /// </summary>
    public SiloBuilder UseStreamRelay<TRelay>() where TRelay : class, IHostedService
    {
        StreamRelayType = typeof(TRelay);
        return this;
    }

    /// <summary>Adds an incoming call filter, run in registration order around every call into a grain.</summary>
    public SiloBuilder AddIncomingGrainCallFilter<TFilter>() where TFilter : class, IIncomingGrainCallFilter
    {
        Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return this;
    }

    /// <summary>Adds an outgoing call filter, run in registration order around every call a grain or client makes.</summary>
    public SiloBuilder AddOutgoingGrainCallFilter<TFilter>() where TFilter : class, IOutgoingGrainCallFilter
    {
        Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return this;
    }
}
