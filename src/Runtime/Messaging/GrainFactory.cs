using System.Collections.Concurrent;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Messaging;

/// <summary>Creates grain references: finds the grain type behind an interface and its generated proxy.</summary>
internal sealed class GrainFactory(GrainTypeManager grainTypes, IGrainCallInvoker invoker) : IGrainFactory
{
    /// <summary>The longest accepted grain key, so keys stay usable as database keys and log fields.</summary>
    public const int MaxKeyLength = 512;

    private readonly ConcurrentDictionary<Type, (string GrainType, GrainInterfaceProxy Proxy)> _interfaces = new();

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"A grain key may be at most {MaxKeyLength} characters long.", nameof(key));
        }

        var (grainType, proxy) = _interfaces.GetOrAdd(typeof(TGrainInterface), Resolve);
        return (TGrainInterface)proxy.Create(new GrainId(grainType, key), invoker);
    }

    private (string, GrainInterfaceProxy) Resolve(Type grainInterface)
    {
        var grainType = grainTypes.GetGrainType(grainInterface);
        var proxy = GrainProxyRegistry.Find(grainInterface) ?? throw new ArgumentException(
            $"Grain interface {grainInterface.FullName} has no generated proxy; reference Playbound.Runtime.CodeGen as an analyzer in its project.",
            nameof(grainInterface));
        return (grainType, proxy);
    }
}
