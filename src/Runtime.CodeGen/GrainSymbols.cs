using Microsoft.CodeAnalysis;

namespace Playbound.Runtime.CodeGen;

/// <summary>
/// Recognises runtime and framework types by name. Comparing names avoids a metadata lookup per interface, and the
/// names are fixed by the runtime contract.
/// </summary>
internal static class GrainSymbols
{
    /// <summary>Whether <paramref name="type"/> derives, directly or not, from <c>Playbound.Runtime.IGrain</c>.</summary>
    public static bool IsGrainInterface(INamedTypeSymbol type)
    {
        foreach (var baseInterface in type.AllInterfaces)
        {
            if (Is(baseInterface, "Playbound.Runtime", "IGrain"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The runtime's own marker interfaces, which get no proxy.</summary>
    public static bool IsRuntimeMarker(INamedTypeSymbol type) =>
        Is(type, "Playbound.Runtime", "IGrain") || Is(type, "Playbound.Runtime", "IGrainWithStringKey");

    public static bool HasReadOnlyAttribute(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && Is(type, "Playbound.Runtime", "ReadOnlyAttribute"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The non-generic <c>System.Threading.Tasks.Task</c>.</summary>
    public static bool IsTask(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: false } named && Is(named, "System.Threading.Tasks", "Task");

    /// <summary><c>System.Threading.Tasks.Task&lt;T&gt;</c>; <paramref name="result"/> is the <c>T</c>.</summary>
    public static bool IsGenericTask(ITypeSymbol type, out ITypeSymbol result)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && Is(named.OriginalDefinition, "System.Threading.Tasks", "Task"))
        {
            result = named.TypeArguments[0];
            return true;
        }

        result = type;
        return false;
    }

    /// <summary>Whether <paramref name="type"/> is <paramref name="name"/> in namespace <paramref name="ns"/> (any arity).</summary>
    public static bool Is(INamedTypeSymbol type, string ns, string name) =>
        type.Name == name && type.ContainingType is null && IsNamespace(type.ContainingNamespace, ns);

    // Compares segment by segment from the innermost namespace out; this runs for every base interface of every
    // interface in the compilation, so it avoids building display strings.
    private static bool IsNamespace(INamespaceSymbol? ns, string dotted)
    {
        var end = dotted.Length;
        while (end > 0)
        {
            var start = dotted.LastIndexOf('.', end - 1) + 1;
            if (ns is null || ns.IsGlobalNamespace
                || ns.Name.Length != end - start
                || string.CompareOrdinal(ns.Name, 0, dotted, start, end - start) != 0)
            {
                return false;
            }

            ns = ns.ContainingNamespace;
            end = start - 1;
        }

        return ns is { IsGlobalNamespace: true };
    }

    /// <summary>Whether <paramref name="type"/> or one of its base classes is <paramref name="name"/> in <paramref name="ns"/>.</summary>
    public static bool IsOrDerivesFrom(ITypeSymbol type, string ns, string name)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (Is(current, ns, name))
            {
                return true;
            }
        }

        return false;
    }
}
