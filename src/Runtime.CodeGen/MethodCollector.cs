using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Playbound.Runtime.CodeGen.Model;

namespace Playbound.Runtime.CodeGen;

/// <summary>
/// Gathers and validates every method a grain interface's proxy must implement: the interface's own methods in
/// declaration order, then those of its base interfaces, depth first in base-list order. That order fixes the
/// method ids.
/// </summary>
internal sealed class MethodCollector
{
    private readonly HashSet<INamedTypeSymbol> _visited = new(SymbolEqualityComparer.Default);
    private readonly INamedTypeSymbol _grainInterface;
    private readonly LocationInfo? _interfaceLocation;
    private readonly CancellationToken _cancellationToken;
    private int _nextMethodId;

    public MethodCollector(INamedTypeSymbol grainInterface, LocationInfo? interfaceLocation, CancellationToken cancellationToken)
    {
        _grainInterface = grainInterface;
        _interfaceLocation = interfaceLocation;
        _cancellationToken = cancellationToken;
    }

    public List<GrainMethodModel> Methods { get; } = [];

    public List<DiagnosticInfo> Diagnostics { get; } = [];

    /// <summary>False once any problem was found, reported here or not.</summary>
    public bool CanEmit { get; private set; } = true;

    public void ReportInterfaceProblem(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args)
    {
        CanEmit = false;
        Diagnostics.Add(new DiagnosticInfo(descriptor, location, new EquatableArray<string>(args)));
    }

    public void Collect() => Visit(_grainInterface);

    private void Visit(INamedTypeSymbol type)
    {
        if (!_visited.Add(type) || GrainSymbols.IsRuntimeMarker(type))
        {
            return;
        }

        var reporter = new Reporter(this, type, silent: HasOwnModel(type));
        foreach (var member in type.GetMembers())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Ordinary } method:
                    if (method.IsStatic)
                    {
                        if (method.IsAbstract || method.IsVirtual)
                        {
                            reporter.NotAMethod(method);
                        }
                    }
                    else if (method.IsAbstract || method.IsVirtual)
                    {
                        // Virtual methods with a default body are proxied too, so the call reaches the grain's own
                        // implementation instead of running the default on the caller's side.
                        AddMethod(method, reporter);
                    }

                    break;
                case IPropertySymbol or IEventSymbol when !member.IsStatic || member.IsAbstract || member.IsVirtual:
                    reporter.NotAMethod(member);
                    break;
            }
        }

        foreach (var baseInterface in type.Interfaces)
        {
            Visit(baseInterface);
        }
    }

    /// <summary>
    /// A base interface that is itself a grain interface declared in this compilation gets its own model, which
    /// reports its problems at the offending members. Reporting them again from every derived interface would only
    /// repeat the error; the derived interface is still left without a proxy.
    /// </summary>
    private bool HasOwnModel(INamedTypeSymbol type) =>
        !SymbolEqualityComparer.Default.Equals(type, _grainInterface)
        && SymbolEqualityComparer.Default.Equals(type, type.OriginalDefinition)
        && type.Locations.Length > 0 && type.Locations[0].IsInSource
        && GrainSymbols.IsGrainInterface(type);

    private void AddMethod(IMethodSymbol method, Reporter reporter)
    {
        var methodId = _nextMethodId++;
        var valid = true;

        if (method.IsGenericMethod)
        {
            valid = reporter.Report(GrainDiagnostics.Generic, method, "Grain method", TypeNames.ForMessage(method));
        }

        string? resultType = null;
        string? resultTypeOf = null;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            valid = reporter.Report(GrainDiagnostics.MustReturnTask, method, TypeNames.ForMessage(method), "ref " + TypeNames.ForMessage(method.ReturnType));
        }
        else if (GrainSymbols.IsGenericTask(method.ReturnType, out var result))
        {
            if (TransportabilityChecker.FindProblem(result, out var offender) is { } reason)
            {
                valid = reporter.Report(
                    GrainDiagnostics.NotSerializable, method, "The result", TypeNames.ForMessage(method),
                    TypeNames.ForMessage(result), TypeNames.ForMessage(offender), reason);
            }

            resultType = result.ToDisplayString(TypeNames.Declaration);
            resultTypeOf = result.ToDisplayString(TypeNames.TypeOf);
        }
        else if (!GrainSymbols.IsTask(method.ReturnType))
        {
            valid = reporter.Report(GrainDiagnostics.MustReturnTask, method, TypeNames.ForMessage(method), TypeNames.ForMessage(method.ReturnType));
        }

        var parameters = new List<GrainParameterModel>(method.Parameters.Length);
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                valid = reporter.Report(
                    GrainDiagnostics.ParameterByReference, parameter, TypeNames.ForMessage(method), parameter.Name, RefKindText(parameter.RefKind));
            }

            if (TransportabilityChecker.FindProblem(parameter.Type, out var offender) is { } reason)
            {
                valid = reporter.Report(
                    GrainDiagnostics.NotSerializable, parameter, "Parameter '" + parameter.Name + "'", TypeNames.ForMessage(method),
                    TypeNames.ForMessage(parameter.Type), TypeNames.ForMessage(offender), reason);
            }

            parameters.Add(new GrainParameterModel(
                Naming.Identifier(parameter.Name),
                parameter.Type.ToDisplayString(TypeNames.Declaration),
                parameter.Type.ToDisplayString(TypeNames.TypeOf),
                parameter.IsParams,
                parameter.Type.IsReferenceType && parameter.Type.NullableAnnotation != NullableAnnotation.Annotated));
        }

        if (valid)
        {
            Methods.Add(new GrainMethodModel(
                method.Name,
                Naming.Identifier(method.Name),
                methodId,
                GrainSymbols.HasReadOnlyAttribute(method),
                method.ContainingType.ToDisplayString(TypeNames.Declaration),
                method.ContainingType.ToDisplayString(TypeNames.TypeOf),
                resultType,
                resultTypeOf,
                parameters.ToEquatableArray()));
        }
    }

    private static string RefKindText(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref",
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.RefReadOnlyParameter => "ref readonly",
        _ => refKind.ToString(),
    };

    /// <summary>Reports the problems of one visited interface's members, where they belong.</summary>
    private readonly struct Reporter(MethodCollector collector, INamedTypeSymbol declaringType, bool silent)
    {
        /// <summary>Records a problem and returns false, for <c>valid = Report(...)</c>.</summary>
        public bool Report(DiagnosticDescriptor descriptor, ISymbol member, params string[] args)
        {
            collector.CanEmit = false;
            if (!silent)
            {
                // Members of the interface itself are flagged where they are declared; inherited ones (from metadata,
                // a non-grain base, or a constructed generic base) at the interface that inherits them.
                var location = SymbolEqualityComparer.Default.Equals(declaringType, collector._grainInterface)
                    ? LocationInfo.From(member.Locations.Length > 0 ? member.Locations[0] : null)
                    : collector._interfaceLocation;
                collector.Diagnostics.Add(new DiagnosticInfo(descriptor, location, new EquatableArray<string>(args)));
            }

            return false;
        }

        public void NotAMethod(ISymbol member) =>
            Report(GrainDiagnostics.NotAMethod, member, TypeNames.ForMessage(collector._grainInterface), member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));
    }
}
