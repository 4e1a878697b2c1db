namespace Playbound.Runtime.CodeGen.Model;

/// <summary>
/// What the generator needs to know about one grain interface, extracted from its symbol. Pure data compared by
/// value, never a symbol, so unchanged interfaces are not regenerated on every keystroke.
/// </summary>
/// <param name="FullName">The interface, fully qualified with <c>global::</c>.</param>
/// <param name="MetadataName">The interface's metadata name (<c>N.Outer+IFoo</c>), unique in the compilation.</param>
/// <param name="GeneratedNamespace">The namespace of the generated code: <c>Playbound.Generated.Proxies</c> plus the interface's namespace.</param>
/// <param name="ContainerPath">
/// Escaped names of the static classes that hold the generated types inside <paramref name="GeneratedNamespace"/>:
/// the interface's containing types, then the interface itself. Mirroring the interface's own path keeps names of
/// different interfaces apart without any escaping scheme.
/// </param>
/// <param name="Methods">Every method the proxy implements, own methods first, then inherited ones.</param>
/// <param name="Diagnostics">Problems to report for this interface.</param>
/// <param name="CanEmit">False when this interface, or a method it inherits, is invalid; no code is emitted then.</param>
internal sealed record GrainInterfaceModel(
    string FullName,
    string MetadataName,
    string GeneratedNamespace,
    EquatableArray<string> ContainerPath,
    EquatableArray<GrainMethodModel> Methods,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool CanEmit)
{
    /// <summary>The generated container class, fully qualified.</summary>
    public string ContainerFullName => "global::" + GeneratedNamespace + "." + string.Join(".", ContainerPath);

    /// <summary>The generated proxy class, fully qualified.</summary>
    public string ProxyFullName => ContainerFullName + "." + Naming.ProxyClassName;
}

/// <summary>One method of a grain interface, including methods inherited from base interfaces.</summary>
/// <param name="Name">The method name as declared (used in the descriptor).</param>
/// <param name="Identifier">The method name as a C# identifier (keywords escaped with <c>@</c>).</param>
/// <param name="MethodId">The method's index in the proxied interface's method order.</param>
/// <param name="IsReadOnly">Whether the method carries <c>[Playbound.Runtime.ReadOnly]</c>.</param>
/// <param name="DeclaringInterface">The interface that declares the method, fully qualified with nullable annotations.</param>
/// <param name="DeclaringInterfaceTypeOf">The declaring interface as it must be written inside <c>typeof</c>.</param>
/// <param name="ResultType">The <c>T</c> of <c>Task&lt;T&gt;</c> with nullable annotations; null for <c>Task</c>.</param>
/// <param name="ResultTypeOf">The result type as it must be written inside <c>typeof</c>; null for <c>Task</c>.</param>
/// <param name="Parameters">The parameters in order.</param>
internal sealed record GrainMethodModel(
    string Name,
    string Identifier,
    int MethodId,
    bool IsReadOnly,
    string DeclaringInterface,
    string DeclaringInterfaceTypeOf,
    string? ResultType,
    string? ResultTypeOf,
    EquatableArray<GrainParameterModel> Parameters)
{
    /// <summary>The simple name of the generated request class; the id keeps overloads apart.</summary>
    public string RequestClassName => Naming.RequestClassName(Name, MethodId);
}

/// <summary>One parameter of a grain method.</summary>
/// <param name="Identifier">The parameter name as a C# identifier.</param>
/// <param name="Type">The type with nullable annotations, fully qualified.</param>
/// <param name="TypeOf">The type as it must be written inside <c>typeof</c>.</param>
/// <param name="IsParams">Whether the parameter is a <c>params</c> array.</param>
/// <param name="NeedsNullForgivingDefault">
/// Whether the argument property needs <c>= default!</c>: a non-nullable reference type that JSON deserialization,
/// not a constructor, fills in.
/// </param>
internal sealed record GrainParameterModel(
    string Identifier,
    string Type,
    string TypeOf,
    bool IsParams,
    bool NeedsNullForgivingDefault);

/// <summary>What the module initializer needs for one emitted interface.</summary>
/// <param name="InterfaceFullName">The interface, fully qualified.</param>
/// <param name="ProxyFullName">The generated proxy, fully qualified.</param>
/// <param name="RequestFullNames">The generated request classes, fully qualified, in method id order.</param>
internal sealed record GrainRegistrationModel(
    string InterfaceFullName,
    string ProxyFullName,
    EquatableArray<string> RequestFullNames);
