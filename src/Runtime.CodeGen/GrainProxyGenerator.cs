using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Playbound.Runtime.CodeGen.Emit;
using Playbound.Runtime.CodeGen.Model;

namespace Playbound.Runtime.CodeGen;

/// <summary>
/// Emits, for every grain interface declared in the compilation, a proxy deriving from
/// <c>Playbound.Runtime.Invocation.GrainReference</c>, one serializable request class per method, and a module
/// initializer registering them with <c>GrainProxyRegistry</c>. Invalid grain interfaces are reported as errors
/// (PB0001-PB0006) and get no code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainProxyGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incremental caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>The per-interface models.</summary>
        public const string Interfaces = nameof(Interfaces);

        /// <summary>The registrations collected for the module initializer.</summary>
        public const string Registrations = nameof(Registrations);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Every interface declaration is a candidate: only a partial declaration with a base list says whether the
        // interface derives from IGrain, and which partial has the base list is up to the user.
        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (syntax, cancellationToken) => GrainInterfaceModelBuilder.TryCreate(syntax, cancellationToken))
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Interfaces);

        context.RegisterSourceOutput(interfaces, static (output, model) =>
        {
            foreach (var diagnostic in model.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (model.CanEmit)
            {
                output.AddSource(Naming.HintName(model.MetadataName), ProxyEmitter.Emit(model));
            }
        });

        // Registrations drop locations and diagnostics, so edits that only move code do not rewrite the initializer.
        var registrations = interfaces
            .Where(static model => model.CanEmit)
            .Select(static (model, _) => ToRegistration(model))
            .Collect()
            .WithTrackingName(TrackingNames.Registrations);

        context.RegisterSourceOutput(registrations, static (output, all) =>
        {
            if (all.IsEmpty)
            {
                return;
            }

            // Sorted so the output does not depend on the order of syntax trees.
            var sorted = all.Sort(static (left, right) => string.CompareOrdinal(left.InterfaceFullName, right.InterfaceFullName));
            output.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(sorted));
        });
    }

    private static GrainRegistrationModel ToRegistration(GrainInterfaceModel model)
    {
        var requests = new List<string>(model.Methods.Count);
        foreach (var method in model.Methods)
        {
            requests.Add(model.ContainerFullName + "." + method.RequestClassName);
        }

        return new GrainRegistrationModel(model.FullName, model.ProxyFullName, requests.ToEquatableArray());
    }
}
