using Microsoft.CodeAnalysis;

namespace Playbound.Runtime.CodeGen;

/// <summary>
/// The rules the generator enforces. All are errors: a grain interface the proxy cannot implement faithfully must
/// not compile, rather than fail at the first remote call.
/// </summary>
internal static class GrainDiagnostics
{
    private const string Category = "Playbound.Grains";

    public static readonly DiagnosticDescriptor MustReturnTask = new(
        "PB0001",
        "Grain method must return Task or Task<T>",
        "Grain method '{0}' returns '{1}'; grain methods must return Task or Task<T>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ParameterByReference = new(
        "PB0002",
        "Grain method parameters must be passed by value",
        "Parameter '{1}' of grain method '{0}' is a '{2}' parameter; grain method parameters must be passed by value",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotSerializable = new(
        "PB0003",
        "Type cannot cross a process boundary",
        "{0} of grain method '{1}' has type '{2}', which cannot cross a process boundary: '{3}' is {4}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Generic = new(
        "PB0004",
        "Grain interfaces and grain methods cannot be generic",
        "{0} '{1}' is generic; grain interfaces and grain methods cannot have type parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotAMethod = new(
        "PB0005",
        "Grain interfaces may only declare methods",
        "Grain interface '{0}' declares '{1}', which is not an instance method; grain interfaces may only declare instance methods",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Inaccessible = new(
        "PB0006",
        "Grain interface is not accessible to generated code",
        "Grain interface '{0}' and its containing types must be public or internal (and not file-local) so the generated proxy can implement it",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
