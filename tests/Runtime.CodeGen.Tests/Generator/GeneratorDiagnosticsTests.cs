using Microsoft.CodeAnalysis;

namespace Playbound.Runtime.CodeGen.Tests.Generator;

/// <summary>The generator's errors for grain interfaces it cannot proxy.</summary>
public sealed class GeneratorDiagnosticsTests
{
    [Theory]
    [InlineData("int Count();", "IBad.Count", "int")]
    [InlineData("void Fire();", "IBad.Fire", "void")]
    [InlineData("ValueTask<int> Count();", "IBad.Count", "System.Threading.Tasks.ValueTask<int>")]
    public void PB0001_is_reported_for_a_method_that_does_not_return_a_task(string member, string method, string returnType)
    {
        var outcome = Run(member);

        var diagnostic = outcome.Single("PB0001");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains($"'{method}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"'{returnType}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAt(outcome, diagnostic, method.Split('.')[1]);
        AssertNoProxyFor(outcome, "IBad");
    }

    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public void PB0002_is_reported_for_a_parameter_passed_by_reference(string modifier)
    {
        var outcome = Run($"Task Update({modifier} int value);");

        var diagnostic = outcome.Single("PB0002");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("'IBad.Update'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'value'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains($"'{modifier}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAt(outcome, diagnostic, "value");
        AssertNoProxyFor(outcome, "IBad");
    }

    [Theory]
    [InlineData("System.IO.Stream content", "content", "System.IO.Stream", "a stream")]
    [InlineData("System.IO.MemoryStream content", "content", "System.IO.MemoryStream", "a stream")]
    [InlineData("Func<int> callback", "callback", "System.Func<int>", "a delegate")]
    [InlineData("Delegate callback", "callback", "System.Delegate", "a delegate")]
    [InlineData("List<Action> callbacks", "callbacks", "System.Collections.Generic.List<System.Action>", "a delegate")]
    [InlineData("CancellationToken cancellationToken", "cancellationToken", "System.Threading.CancellationToken", "a cancellation token")]
    [InlineData("CancellationToken? cancellationToken", "cancellationToken", "System.Threading.CancellationToken?", "a cancellation token")]
    [InlineData("Task work", "work", "System.Threading.Tasks.Task", "a task")]
    [InlineData("Task<int>[] work", "work", "System.Threading.Tasks.Task<int>[]", "a task")]
    [InlineData("Span<byte> buffer", "buffer", "System.Span<byte>", "a ref struct")]
    [InlineData("int* pointer", "pointer", "int*", "a pointer")]
    [InlineData("dynamic value", "value", "dynamic", "dynamic")]
    public void PB0003_is_reported_for_a_parameter_that_cannot_cross_a_process_boundary(
        string parameter, string name, string type, string reason)
    {
        var outcome = Run($"Task Send({parameter});");

        var diagnostic = outcome.Single("PB0003");
        var message = diagnostic.GetMessage();
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains($"Parameter '{name}'", message, StringComparison.Ordinal);
        Assert.Contains("'IBad.Send'", message, StringComparison.Ordinal);
        Assert.Contains($"'{type}'", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        AssertPointsAt(outcome, diagnostic, name);
        AssertNoProxyFor(outcome, "IBad");
    }

    [Fact]
    public void PB0003_is_reported_for_a_result_that_cannot_cross_a_process_boundary()
    {
        var outcome = Run("Task<Func<int>> GetCallback();");

        var message = outcome.Single("PB0003").GetMessage();
        Assert.Contains("The result of grain method 'IBad.GetCallback'", message, StringComparison.Ordinal);
        Assert.Contains("'System.Func<int>'", message, StringComparison.Ordinal);
        AssertNoProxyFor(outcome, "IBad");
    }

    [Fact]
    public void PB0004_is_reported_for_a_generic_method()
    {
        var outcome = Run("Task<T> Get<T>();");

        var diagnostic = outcome.Single("PB0004");
        Assert.Contains("Grain method 'IBad.Get'", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAt(outcome, diagnostic, "Get");
        AssertNoProxyFor(outcome, "IBad");
    }

    [Fact]
    public void PB0004_is_reported_for_a_generic_grain_interface()
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Shop;
            public interface IBox<T> : IGrainWithStringKey { Task<T> Get(); }
            """);

        var diagnostic = outcome.Single("PB0004");
        Assert.Contains("Grain interface 'IBox<T>'", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAt(outcome, diagnostic, "IBox");
        AssertNoProxyFor(outcome, "IBox");
    }

    [Fact]
    public void PB0004_is_reported_for_a_grain_interface_nested_in_a_generic_class()
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Shop;
            public class Outer<T> { public interface IInner : IGrainWithStringKey { Task<int> Get(); } }
            """);

        Assert.Contains("'Outer<T>.IInner'", outcome.Single("PB0004").GetMessage(), StringComparison.Ordinal);
        AssertNoProxyFor(outcome, "IInner");
    }

    [Theory]
    [InlineData("int Count { get; }", "'IBad.Count'")]
    [InlineData("event Action Changed;", "'IBad.Changed'")]
    [InlineData("static abstract Task<int> Create();", "'IBad.Create()'")]
    public void PB0005_is_reported_for_a_member_that_is_not_an_instance_method(string member, string name)
    {
        var outcome = Run(member);

        var diagnostic = outcome.Single("PB0005");
        Assert.Contains(name, diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertNoProxyFor(outcome, "IBad");
    }

    [Fact]
    public void PB0006_is_reported_for_a_grain_interface_the_generated_code_cannot_see()
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Shop;
            public class Outer { private interface IHidden : IGrainWithStringKey { Task<int> Get(); } }
            """);

        Assert.Contains("'Outer.IHidden'", outcome.Single("PB0006").GetMessage(), StringComparison.Ordinal);
        AssertNoProxyFor(outcome, "IHidden");
    }

    [Fact]
    public void A_bad_method_inherited_from_a_grain_interface_is_reported_once_and_neither_interface_gets_a_proxy()
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Shop;
            public interface IBase : IGrainWithStringKey { int Count(); }
            public interface IDerived : IBase { Task<int> Other(); }
            public interface IGood : IGrainWithStringKey { Task<int> Fine(); }
            """);

        AssertPointsAt(outcome, outcome.Single("PB0001"), "Count");
        AssertNoProxyFor(outcome, "IBase");
        AssertNoProxyFor(outcome, "IDerived");
        Assert.Contains("Shop.IGood.", string.Join(",", outcome.HintNames), StringComparison.Ordinal);
        Assert.Contains("Register<global::Shop.IGood>", outcome.AllGeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_method_inherited_from_a_plain_interface_is_reported_at_the_grain_interface()
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Shop;
            public interface IHelper { void Help(); }
            public interface IHelped : IGrainWithStringKey, IHelper { }
            """);

        var diagnostic = outcome.Single("PB0001");
        Assert.Contains("'IHelper.Help'", diagnostic.GetMessage(), StringComparison.Ordinal);
        AssertPointsAt(outcome, diagnostic, "IHelped");
        AssertNoProxyFor(outcome, "IHelped");
    }

    private static GeneratorOutcome Run(string member) =>
        GeneratorHarness.Run(GeneratorHarness.Usings + $$"""
            namespace Shop;
            public interface IBad : IGrainWithStringKey
            {
                {{member}}
            }
            """);

    private static void AssertPointsAt(GeneratorOutcome outcome, Diagnostic diagnostic, string identifier) =>
        Assert.Equal(identifier, outcome.SourceAt(diagnostic, identifier.Length));

    private static void AssertNoProxyFor(GeneratorOutcome outcome, string interfaceName)
    {
        Assert.DoesNotContain(outcome.HintNames, hint => hint.Contains("." + interfaceName + ".", StringComparison.Ordinal));
        Assert.DoesNotContain($".{interfaceName}>(", outcome.AllGeneratedText, StringComparison.Ordinal);
    }
}
