using Microsoft.CodeAnalysis;

namespace Playbound.Runtime.CodeGen;

/// <summary>How symbols are written into generated code and into messages.</summary>
internal static class TypeNames
{
    /// <summary>
    /// Declarations: fully qualified, keyword-escaped, with nullable annotations, so generated signatures match the
    /// interface's exactly and raise no nullability warnings in projects that treat warnings as errors.
    /// </summary>
    public static readonly SymbolDisplayFormat Declaration = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Inside <c>typeof</c>: no nullable reference annotations and no tuple element names, both of which
    /// <c>typeof</c> rejects or ignores.
    /// </summary>
    public static readonly SymbolDisplayFormat TypeOf = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    /// <summary>A namespace without <c>global::</c>, keyword-escaped, to append to the generated root namespace.</summary>
    public static readonly SymbolDisplayFormat Namespace = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>Types in diagnostic messages.</summary>
    public static string ForMessage(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);

    /// <summary>A method in diagnostic messages: <c>IFoo.Bar</c>.</summary>
    public static string ForMessage(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "." + method.Name;

    /// <summary>An interface in diagnostic messages: <c>Outer.IFoo</c>.</summary>
    public static string ForMessage(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
}
