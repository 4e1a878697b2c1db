using System.Buffers;
using System.Collections.Concurrent;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Placement;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>
/// Turns request frames into calls on this silo's catalog. A call for a grain this silo does not own (the caller's
/// view is stale) is answered "not owner" without activating anything, so a grain never runs on two silos because
/// one caller lagged behind a membership change.
/// </summary>
internal sealed class IncomingCallDispatcher
{
    private readonly ConcurrentDictionary<string, RequestInvoker?> _invokers = new(StringComparer.Ordinal);
    private readonly Catalog _catalog;
    private readonly GrainLocator _locator;
    private readonly GrainSerializer _serializer;

    public IncomingCallDispatcher(Catalog catalog, GrainLocator locator, GrainSerializer serializer, GrainTypeManager grainTypes)
    {
        _catalog = catalog;
        _locator = locator;
        _serializer = serializer;

        // Request types register from their assembly's module initializer, which runs only once code touches that
        // assembly; a silo that only receives calls may never have. Run them now for every interface it hosts.
        foreach (var grainInterface in grainTypes.GrainClasses.SelectMany(static c => c.GetInterfaces()).Distinct())
        {
            if (typeof(IGrain).IsAssignableFrom(grainInterface))
            {
                GrainProxyRegistry.Find(grainInterface);
            }
        }
    }

    public void Dispatch(ServerConnection connection, IncomingRequest header, ReadOnlySequence<byte> body)
    {
        if (!_locator.OwnsLocally(header.Target))
        {
            connection.Enqueue(new ErrorResponseFrame(header.CallId, exception: null));
            return;
        }

        if (!TryDecode(header, body, out var invoker, out var request, out var error))
        {
            connection.Enqueue(new ErrorResponseFrame(header.CallId, error));
            return;
        }

        var previous = RequestContext.Restore(new RequestContextSnapshot(header.Context));
        try
        {
            invoker.Invoke(_catalog, header.Target, header.CallId, request, connection);
        }
        finally
        {
            RequestContext.Restore(previous);
        }
    }

    private bool TryDecode(
        IncomingRequest header, ReadOnlySequence<byte> body, out RequestInvoker invoker, out GrainRequest request, out Exception? error)
    {
        invoker = null!;
        request = null!;
        error = null;
        if (header.TimeoutMs <= 0)
        {
            // The caller has no time left to wait for an answer; running the call would only delay the grain.
            error = new TimeoutException($"The call to grain {header.Target} arrived after its caller's timeout.");
            return false;
        }

        if (_invokers.GetOrAdd(header.RequestType, Resolve) is not { } found)
        {
            error = new GrainSerializationException($"Request type '{header.RequestType}' is unknown to this silo.");
            return false;
        }

        try
        {
            invoker = found;
            request = _serializer.Deserialize(body, found.RequestType) as GrainRequest
                ?? throw new GrainSerializationException($"A {found.RequestType} request had an empty body.");
            return true;
        }
        catch (GrainSerializationException ex)
        {
            error = ex;
            return false;
        }
    }

    private static RequestInvoker? Resolve(string requestType) =>
        (GrainProxyRegistry.FindRequestType(requestType) ?? ConstructedRuntimeRequest(requestType)) is { } type
            ? RequestInvoker.Create(type)
            : null;

    // Generated request types register by name, but a request the runtime builds per type argument, such as
    // StreamDeliveryRequest<T> for each event type, cannot be listed up front: without this a stream event whose
    // subscriber lives on another silo was refused there forever. Only a constructed generic of the runtime's own request
    // definitions is accepted, with type arguments from assemblies already loaded, so a frame cannot make the silo load
    // an assembly or instantiate anything else.
    private static Type? ConstructedRuntimeRequest(string name)
    {
        var type = Type.GetType(
            name,
            static assembly => AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assembly.Name),
            typeResolver: null,
            throwOnError: false);
        return type is { IsConstructedGenericType: true } && type.GetGenericTypeDefinition().Assembly == typeof(GrainRequest).Assembly
            && typeof(GrainRequest).IsAssignableFrom(type)
                ? type
                : null;
    }
}
