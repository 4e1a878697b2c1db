using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Serialization;
using Playbound.Runtime.Streams;

namespace Playbound.Runtime.Activation;

/// <summary>The services every activation of one silo shares, gathered so an activation holds one reference.</summary>
internal sealed class GrainRuntime(
    IServiceProvider services,
    GrainActivator activator,
    GrainSerializer serializer,
    TimeProvider timeProvider,
    IOptions<MessagingOptions> messaging,
    IEnumerable<IIncomingGrainCallFilter> incomingFilters,
    ILogger<GrainRuntime> logger)
{
    private Catalog? _catalog;
    private IGrainFactory? _grainFactory;
    private IStreamProvider? _streamProvider;

    public IServiceProvider Services { get; } = services;

    // Resolved on first use: the factory and the stream provider depend (through the invoker) on the catalog, which depends on this.
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    public IStreamProvider StreamProvider => _streamProvider ??= Services.GetRequiredService<IStreamProvider>();

    public GrainActivator Activator { get; } = activator;

    public GrainSerializer Serializer { get; } = serializer;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public MessagingOptions Messaging { get; } = messaging.Value;

    public IIncomingGrainCallFilter[] IncomingFilters { get; } = [.. incomingFilters];

    public ILogger Logger { get; } = logger;

    /// <summary>The catalog, set by the catalog itself (the two refer to each other).</summary>
    public Catalog Catalog
    {
        get => _catalog ?? throw new InvalidOperationException("The catalog is not created yet.");
        set => _catalog = value;
    }
}
