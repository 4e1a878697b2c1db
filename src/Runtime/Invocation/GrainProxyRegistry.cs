using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Playbound.Runtime.Invocation;

/// <summary>
/// Maps grain interfaces to their generated proxies and request types. Generated code registers itself from a
/// module initializer; the runtime forces that initializer to run the first time it meets an interface.
/// </summary>
public static class GrainProxyRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceProxy> Proxies = new();
    private static readonly ConcurrentDictionary<string, Type> RequestTypes = new();

    /// <summary>Registers the proxy factory and request types of <typeparamref name="TGrainInterface"/>. Called by generated code.</summary>
    public static void Register<TGrainInterface>(
        Func<GrainId, IGrainCallInvoker, TGrainInterface> createProxy, params Type[] requestTypes)
        where TGrainInterface : IGrain
    {
        Proxies[typeof(TGrainInterface)] = new GrainInterfaceProxy(
            typeof(TGrainInterface), (id, invoker) => createProxy(id, invoker));
        foreach (var requestType in requestTypes)
        {
            RequestTypes[RequestTypeName(requestType)] = requestType;
        }
    }

    /// <summary>Finds the proxy of <paramref name="grainInterface"/>, running its assembly's module initializer if needed.</summary>
    public static GrainInterfaceProxy? Find(Type grainInterface)
    {
        if (Proxies.TryGetValue(grainInterface, out var proxy))
        {
            return proxy;
        }

        RuntimeHelpers.RunModuleConstructor(grainInterface.Module.ModuleHandle);
        return Proxies.GetValueOrDefault(grainInterface);
    }

    /// <summary>The stable wire name of a generated request type.</summary>
    public static string RequestTypeName(Type requestType) => requestType.FullName ?? requestType.Name;

    /// <summary>Finds a generated request type by its wire name.</summary>
    public static Type? FindRequestType(string name) => RequestTypes.GetValueOrDefault(name);
}

/// <summary>A registered grain interface and how to make its proxies.</summary>
/// <param name="InterfaceType">The grain interface.</param>
/// <param name="Create">Creates a proxy for a grain id.</param>
public sealed record GrainInterfaceProxy(Type InterfaceType, Func<GrainId, IGrainCallInvoker, object> Create);
