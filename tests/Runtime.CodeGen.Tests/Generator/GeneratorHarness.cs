using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Playbound.Runtime.CodeGen.Tests.Generator;

/// <summary>Runs <see cref="GrainProxyGenerator"/> over source text with CSharpGeneratorDriver.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // The framework assemblies this test process runs on, plus the runtime: what a real consumer compiles against.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = new HashSet<string>(StringComparer.Ordinal) { typeof(IGrain).Assembly.Location };
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            paths.Add(path);
        }

        return [.. paths.Select(path => MetadataReference.CreateFromFile(path))];
    });

    /// <summary>Header for test sources, standing in for implicit usings.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Playbound.Runtime;

        """;

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTests",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new GrainProxyGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorOutcome Run(params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = Assert.Single(driver.GetRunResult().Results);
        Assert.Null(result.Exception);
        return new GeneratorOutcome(compilation, result, generatorDiagnostics, output.GetDiagnostics());
    }
}

/// <summary>What one generator run produced.</summary>
/// <param name="Input">The compilation the generator ran over.</param>
/// <param name="Result">The generator's sources and diagnostics.</param>
/// <param name="GeneratorDiagnostics">Diagnostics the generator reported.</param>
/// <param name="CompilationDiagnostics">Diagnostics of the compilation including the generated sources.</param>
internal sealed record GeneratorOutcome(
    Compilation Input,
    GeneratorRunResult Result,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics)
{
    public IEnumerable<string> HintNames => Result.GeneratedSources.Select(source => source.HintName);

    public string AllGeneratedText => string.Join("\n", Result.GeneratedSources.Select(source => source.SourceText.ToString()));

    /// <summary>The compiler's warnings and errors, generated code included.</summary>
    public IEnumerable<Diagnostic> Problems =>
        CompilationDiagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning);

    public Diagnostic Single(string id) => Assert.Single(GeneratorDiagnostics, diagnostic => diagnostic.Id == id);

    /// <summary>
    /// The <paramref name="length"/> characters of input source where <paramref name="diagnostic"/> starts. Generator
    /// diagnostics carry locations rebuilt from file path and span, so the tree is found by path.
    /// </summary>
    public string SourceAt(Diagnostic diagnostic, int length)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.True(span.IsValid, $"{diagnostic} has no location.");
        var tree = Assert.Single(Input.SyntaxTrees, tree => tree.FilePath == span.Path);
        return tree.GetText().ToString(new Microsoft.CodeAnalysis.Text.TextSpan(diagnostic.Location.SourceSpan.Start, length));
    }
}
