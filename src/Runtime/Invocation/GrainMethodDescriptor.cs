using System.Reflection;

namespace Playbound.Runtime.Invocation;

/// <summary>Static facts about one grain interface method, emitted once per method by the source generator.</summary>
/// <param name="interfaceType">The grain interface declaring the method.</param>
/// <param name="name">The method name.</param>
/// <param name="methodId">The method's index within the interface (stable for one build of the interface).</param>
/// <param name="isReadOnly">Whether the method carries <see cref="ReadOnlyAttribute"/> and may interleave with other read-only calls.</param>
/// <param name="parameterTypes">The declared parameter types.</param>
/// <param name="resultType">The result type; <see cref="VoidResult"/> for void methods.</param>
public sealed class GrainMethodDescriptor(
    Type interfaceType, string name, int methodId, bool isReadOnly, Type[] parameterTypes, Type resultType)
{
    private MethodInfo? _methodInfo;

    /// <summary>The grain interface declaring the method.</summary>
    public Type InterfaceType { get; } = interfaceType;

    /// <summary>The method name.</summary>
    public string Name { get; } = name;

    /// <summary>The method's index within the interface.</summary>
    public int MethodId { get; } = methodId;

    /// <summary>Whether the method may interleave with other read-only calls.</summary>
    public bool IsReadOnly { get; } = isReadOnly;

    /// <summary>The declared parameter types.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; } = parameterTypes;

    /// <summary>The result type; <see cref="VoidResult"/> for void methods.</summary>
    public Type ResultType { get; } = resultType;

    /// <summary>Set once a request of this method proved serializable, so the check runs once per method.</summary>
    internal bool SerializationChecked { get; set; }

    /// <summary>The reflected method, resolved on first use (call filters only).</summary>
    public MethodInfo MethodInfo => _methodInfo ??= InterfaceType.GetMethod(Name, [.. ParameterTypes])
        ?? throw new InvalidOperationException($"Method {Name} not found on {InterfaceType}.");

    /// <inheritdoc />
    public override string ToString() => $"{InterfaceType.Name}.{Name}";
}
