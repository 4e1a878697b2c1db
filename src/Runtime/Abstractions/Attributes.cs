namespace Playbound.Runtime;

/// <summary>
/// Marks a grain interface method that does not change grain state. Read-only calls may run concurrently with
/// each other on one activation; they never run beside a non-read-only call.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Overrides the grain type name derived from the class name (<c>UserGrain</c> becomes <c>user</c>).</summary>
/// <param name="name">The grain type name.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}

/// <summary>
/// Marks a stateless worker grain: the runtime may create several activations of it in one silo, up to
/// <see cref="MaxLocalWorkers"/>, and routes each call to an idle one.
/// </summary>
/// <param name="maxLocalWorkers">The most activations per silo; 0 means one per processor.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StatelessWorkerAttribute(int maxLocalWorkers = 0) : Attribute
{
    /// <summary>The most activations per silo; 0 means one per processor.</summary>
    public int MaxLocalWorkers { get; } = maxLocalWorkers;
}

/// <summary>Injects an <see cref="IPersistentState{TState}"/> into a grain constructor parameter.</summary>
/// <param name="stateName">The name of this piece of state, unique within the grain type.</param>
/// <param name="storageName">The registered storage provider; null for the default one.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    /// <summary>The name of this piece of state, unique within the grain type.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The registered storage provider; null for the default one.</summary>
    public string? StorageName { get; } = storageName;
}

/// <summary>
/// Subscribes a grain class to every stream of <see cref="Namespace"/>: an event on stream (namespace, key) is
/// delivered to the grain of this class with that key, which must implement <see cref="Streams.IStreamSubscriber{T}"/>.
/// </summary>
/// <param name="namespace">The stream namespace.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ImplicitStreamSubscriptionAttribute(string @namespace) : Attribute
{
    /// <summary>The stream namespace.</summary>
    public string Namespace { get; } = @namespace;
}
