using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Playbound.Runtime.CodeGen.Tests.Generator;

/// <summary>The generator's output for valid grain interfaces, compiled in a test compilation.</summary>
public sealed class GeneratorOutputTests
{
    // Shapes that tend to break generated code: keywords as names, names of GrainReference members, nullable and
    // tuple types, params arrays, inherited and hidden methods, generic and non-grain bases, default bodies,
    // nesting, the global namespace, and a partial interface whose base list is on the second part.
    private const string ValidInterfaces = GeneratorHarness.Usings + """
        namespace Shop
        {
            public sealed record Item(string Name, decimal Price);

            public interface IEvents { Task OnEvent(Item item, Guid eventId); }

            public interface IReader<T> { Task<T?> Read(string key); }

            public interface ICatalog : IGrainWithStringKey
            {
                [ReadOnly] Task<Item?> Find(string name);
                Task<IReadOnlyList<Item>> Search(string? text, params string[] tags);
                Task<(int Count, decimal Total)> Summarize(Dictionary<string, int?> quantities, int[][] grid);
                Task Rename(string @class, int @event, string Invoker, string GrainId, string grain);
                Task<string> ToString(int format);
                Task<bool> Equals(Item other);
                Task Remove(Item item);
                Task Remove(string name);
                Task<int> Count() => Task.FromResult(0);
            }

            public interface IStore : ICatalog, IEvents, IReader<Item>
            {
                new Task<Item?> Find(string name);
                Task<int?> Stock(Item item);
            }

            internal partial interface ISplit { Task<int> First(); }
            internal partial interface ISplit : IGrainWithStringKey { Task<int> Second(); }

            public static class Outer
            {
                public interface IInner : IGrainWithStringKey { Task<long> Get(); }
                internal class Deeper { internal interface IInner : IGrainWithStringKey { Task<long> Get(); } }
            }
        }

        namespace Shop.Other
        {
            public interface ICatalog : IGrainWithStringKey { Task<int> Find(string name); }
        }

        public interface IGlobal : IGrainWithStringKey { Task Ping(); }
        """;

    [Fact]
    public void Valid_grain_interfaces_compile_with_no_diagnostics()
    {
        var outcome = GeneratorHarness.Run(ValidInterfaces);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.Problems);
        Assert.Equal(8, outcome.Result.GeneratedSources.Length);
    }

    [Fact]
    public void Generated_names_mirror_the_interface_namespace_and_containing_types()
    {
        var outcome = GeneratorHarness.Run(ValidInterfaces);
        var text = outcome.AllGeneratedText;

        Assert.Contains("namespace Playbound.Generated.Proxies.Shop;", text, StringComparison.Ordinal);
        Assert.Contains("namespace Playbound.Generated.Proxies.Shop.Other;", text, StringComparison.Ordinal);
        Assert.Contains("namespace Playbound.Generated.Proxies;", text, StringComparison.Ordinal);
        Assert.Contains("global::Playbound.Generated.Proxies.Shop.ICatalog.Proxy", text, StringComparison.Ordinal);
        Assert.Contains("global::Playbound.Generated.Proxies.Shop.Other.ICatalog.Find_0", text, StringComparison.Ordinal);
        Assert.Contains("global::Playbound.Generated.Proxies.Shop.Outer.Deeper.IInner.Get_0", text, StringComparison.Ordinal);
        Assert.Contains("global::Playbound.Generated.Proxies.Shop.ICatalog.Remove_6", text, StringComparison.Ordinal);
        Assert.Contains("global::Playbound.Generated.Proxies.Shop.ICatalog.Remove_7", text, StringComparison.Ordinal);
        Assert.Contains("Playbound.GrainProxyModuleInitializer.g.cs", outcome.HintNames);
        Assert.Single(outcome.HintNames, hint => hint.StartsWith("Shop.Outer+Deeper+IInner.", StringComparison.Ordinal));
    }

    [Fact]
    public void Methods_are_numbered_own_first_then_bases_depth_first()
    {
        var text = GeneratorHarness.Run(ValidInterfaces).AllGeneratedText;

        // IStore: its own two methods, then ICatalog's nine, then IEvents and IReader<Item>.
        string[] expected =
        [
            "Find_0", "Stock_1", "Find_2", "Search_3", "Summarize_4", "Rename_5", "ToString_6", "Equals_7", "Remove_8",
            "Remove_9", "Count_10", "OnEvent_11", "Read_12",
        ];
        foreach (var name in expected)
        {
            Assert.Contains("global::Playbound.Generated.Proxies.Shop.IStore." + name + ")", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("global::Playbound.Generated.Proxies.Shop.IStore.Read_13", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrelated_edits_reuse_the_cached_models_and_registration()
    {
        var compilation = GeneratorHarness.CreateCompilation(ValidInterfaces);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Shop; internal static class Unrelated { }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        var result = Assert.Single(driver.RunGenerators(edited).GetRunResult().Results);

        var interfaceSteps = result.TrackedSteps[GrainProxyGenerator.TrackingNames.Interfaces];
        Assert.NotEmpty(interfaceSteps);
        Assert.All(
            interfaceSteps.SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
        Assert.All(
            result.TrackedSteps[GrainProxyGenerator.TrackingNames.Registrations].SelectMany(step => step.Outputs),
            output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }

    [Fact]
    public void A_compilation_without_grain_interfaces_gets_no_code()
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Shop; public interface IPlain { Task Run(); }");

        Assert.Empty(outcome.Result.GeneratedSources);
        Assert.Empty(outcome.GeneratorDiagnostics);
    }
}
