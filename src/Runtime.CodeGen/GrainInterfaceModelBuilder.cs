using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Playbound.Runtime.CodeGen.Model;

namespace Playbound.Runtime.CodeGen;

/// <summary>Turns a grain interface symbol into a <see cref="GrainInterfaceModel"/>, validating it on the way.</summary>
internal static class GrainInterfaceModelBuilder
{
    /// <summary>
    /// Builds the model of the interface declared by <paramref name="context"/>'s node, or returns null when the node
    /// is not a grain interface or is not the interface's first partial declaration (so each interface is built once).
    /// </summary>
    public static GrainInterfaceModel? TryCreate(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol symbol)
        {
            return null;
        }

        var references = symbol.DeclaringSyntaxReferences;
        if (references.Length == 0
            || references[0].SyntaxTree != declaration.SyntaxTree
            || references[0].Span != declaration.Span
            || GrainSymbols.IsRuntimeMarker(symbol)
            || !GrainSymbols.IsGrainInterface(symbol))
        {
            return null;
        }

        return Build(symbol, cancellationToken);
    }

    private static GrainInterfaceModel Build(INamedTypeSymbol grainInterface, CancellationToken cancellationToken)
    {
        var interfaceLocation = LocationInfo.From(grainInterface.Locations.Length > 0 ? grainInterface.Locations[0] : null);
        var collector = new MethodCollector(grainInterface, interfaceLocation, cancellationToken);
        var name = TypeNames.ForMessage(grainInterface);

        if (!IsAccessibleToGeneratedCode(grainInterface))
        {
            collector.ReportInterfaceProblem(GrainDiagnostics.Inaccessible, interfaceLocation, name);
        }

        if (IsGeneric(grainInterface))
        {
            collector.ReportInterfaceProblem(GrainDiagnostics.Generic, interfaceLocation, "Grain interface", name);
        }

        collector.Collect();

        return new GrainInterfaceModel(
            grainInterface.ToDisplayString(TypeNames.Declaration),
            MetadataName(grainInterface),
            GeneratedNamespace(grainInterface),
            ContainerPath(grainInterface),
            collector.Methods.ToEquatableArray(),
            collector.Diagnostics.ToEquatableArray(),
            collector.CanEmit);
    }

    private static bool IsAccessibleToGeneratedCode(INamedTypeSymbol grainInterface)
    {
        for (var type = grainInterface; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal
                || type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    // A nested interface inside a generic class is generic too: its proxy would need the outer type parameters.
    private static bool IsGeneric(INamedTypeSymbol grainInterface)
    {
        for (var type = grainInterface; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static string MetadataName(INamedTypeSymbol grainInterface)
    {
        var name = grainInterface.MetadataName;
        for (var type = grainInterface.ContainingType; type is not null; type = type.ContainingType)
        {
            name = type.MetadataName + "+" + name;
        }

        var ns = grainInterface.ContainingNamespace;
        return ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }

    private static string GeneratedNamespace(INamedTypeSymbol grainInterface)
    {
        var ns = grainInterface.ContainingNamespace;
        return ns.IsGlobalNamespace ? Naming.ProxiesNamespace : Naming.ProxiesNamespace + "." + ns.ToDisplayString(TypeNames.Namespace);
    }

    private static EquatableArray<string> ContainerPath(INamedTypeSymbol grainInterface)
    {
        var path = new List<string>();
        for (var type = grainInterface; type is not null; type = type.ContainingType)
        {
            path.Insert(0, Naming.Identifier(type.Name));
        }

        return path.ToEquatableArray();
    }
}
