using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Playbound.Runtime.CodeGen.Model;

namespace Playbound.Runtime.CodeGen.Emit;

/// <summary>
/// Writes one grain interface's generated code: a static container class (nested in static classes mirroring the
/// interface's containing types) holding the proxy and one request class per method.
/// </summary>
internal static class ProxyEmitter
{
    public static string Emit(GrainInterfaceModel model)
    {
        var writer = new CodeWriter();
        writer.Line(GeneratedCode.Header).Line("namespace " + model.GeneratedNamespace + ";").Line();

        // The containers carry no attributes: a class mirroring a containing type is declared again by each nested
        // interface's file, and a repeated attribute on partial declarations would not compile.
        for (var i = 0; i < model.ContainerPath.Count; i++)
        {
            writer.Open((i == 0 ? "internal" : "public") + " static partial class " + model.ContainerPath[i]);
        }

        WriteProxy(writer, model);
        foreach (var method in model.Methods)
        {
            writer.Line();
            WriteRequest(writer, model, method);
        }

        for (var i = 0; i < model.ContainerPath.Count; i++)
        {
            writer.Close();
        }

        return writer.ToString();
    }

    private static void WriteProxy(CodeWriter writer, GrainInterfaceModel model)
    {
        writer.Line("// Proxy of " + model.FullName + ": turns each call into a request for the invoker.")
            .Line(GeneratedCode.Attribute)
            .Open("public sealed class " + Naming.ProxyClassName + " : " + GeneratedCode.Invocation + ".GrainReference, " + model.FullName)
            .Line("public " + Naming.ProxyClassName + "(global::Playbound.Runtime.GrainId grainId, " + GeneratedCode.Invocation + ".IGrainCallInvoker invoker)")
            .Line("    : base(grainId, invoker)")
            .Line("{")
            .Line("}");

        foreach (var method in model.Methods)
        {
            writer.Line();
            var resultType = method.ResultType ?? GeneratedCode.Invocation + ".VoidResult";
            var returnType = method.ResultType is null ? GeneratedCode.Task : GeneratedCode.Task + "<" + method.ResultType + ">";

            var signature = new StringBuilder();
            signature.Append(returnType).Append(' ').Append(method.DeclaringInterface).Append('.').Append(method.Identifier).Append('(');
            var initializer = new StringBuilder();
            for (var i = 0; i < method.Parameters.Count; i++)
            {
                var parameter = method.Parameters[i];
                signature.Append(i == 0 ? string.Empty : ", ").Append(parameter.IsParams ? "params " : string.Empty)
                    .Append(parameter.Type).Append(' ').Append(parameter.Identifier);
                initializer.Append(i == 0 ? " " : ", ").Append(ArgumentProperty(i)).Append(" = ").Append(parameter.Identifier);
            }

            signature.Append(')');
            var request = model.ContainerFullName + "." + method.RequestClassName;

            // Explicit implementation: inherited methods with equal signatures, or names clashing with members of
            // GrainReference, cannot collide. `this.` keeps parameters named Invoker or GrainId from shadowing.
            writer.Line(signature.ToString())
                .Line("    => this.Invoker.InvokeAsync<" + resultType + ">(this.GrainId, new " + request
                    + (initializer.Length == 0 ? "()" : " {" + initializer + " }") + ");");
        }

        writer.Close();
    }

    private static void WriteRequest(CodeWriter writer, GrainInterfaceModel model, GrainMethodModel method)
    {
        var resultType = method.ResultType ?? GeneratedCode.Invocation + ".VoidResult";
        var resultTypeOf = method.ResultTypeOf ?? GeneratedCode.Invocation + ".VoidResult";

        var parameterTypes = new StringBuilder();
        var arguments = new StringBuilder();
        var boxed = new StringBuilder();
        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var separator = i == 0 ? string.Empty : ", ";
            parameterTypes.Append(separator).Append("typeof(").Append(method.Parameters[i].TypeOf).Append(')');
            arguments.Append(separator).Append("this.").Append(ArgumentProperty(i));
            boxed.Append(separator).Append("this.").Append(ArgumentProperty(i));
        }

        var call = "((" + method.DeclaringInterface + ")grain)." + method.Identifier + "(" + arguments + ")";

        // Plain comments, not XML docs: type names with generics or nullable annotations are not valid crefs and
        // would raise documentation warnings in consumers that generate documentation files.
        writer.Line("// A call to " + method.DeclaringInterface + "." + method.Identifier + ", method id " + Id(method) + ".")
            .Line(GeneratedCode.Attribute)
            .Open("public sealed class " + method.RequestClassName + " : " + GeneratedCode.Invocation + ".GrainRequest<" + resultType + ">")
            .Line("public static readonly " + GeneratedCode.Invocation + ".GrainMethodDescriptor Descriptor = new(")
            .Line("    typeof(" + method.DeclaringInterfaceTypeOf + "),")
            .Line("    " + SymbolDisplay.FormatLiteral(method.Name, quote: true) + ",")
            .Line("    " + Id(method) + ",")
            .Line("    " + (method.IsReadOnly ? "true" : "false") + ",")
            .Line("    " + (method.Parameters.Count == 0 ? "global::System.Type.EmptyTypes," : "new global::System.Type[] { " + parameterTypes + " },"))
            .Line("    typeof(" + resultTypeOf + "));");

        for (var i = 0; i < method.Parameters.Count; i++)
        {
            var parameter = method.Parameters[i];
            writer.Line()
                .Line("public " + parameter.Type + " " + ArgumentProperty(i) + " { get; set; }"
                    + (parameter.NeedsNullForgivingDefault ? " = default!;" : string.Empty));
        }

        // System.Text.Json reads attributes from the overriding property only, so the base's [JsonIgnore] must be
        // repeated here or the descriptor (and its Type properties) would be serialized with every request.
        writer.Line()
            .Line("[global::System.Text.Json.Serialization.JsonIgnore]")
            .Line("public override " + GeneratedCode.Invocation + ".GrainMethodDescriptor Method => Descriptor;")
            .Line()
            .Line("public override object?[] GetArguments() => "
                + (method.Parameters.Count == 0 ? "global::System.Array.Empty<object?>();" : "new object?[] { " + boxed + " };"))
            .Line()
            .Line("public override " + GeneratedCode.Task + "<" + resultType + "> InvokeAsync(object grain)")
            .Line(method.ResultType is null
                ? "    => " + GeneratedCode.Invocation + ".VoidResult.From(" + call + ");"
                : "    => " + call + ";");

        if (method.ResultType is null)
        {
            // GrainRequest documents a null untyped result for void methods; the inherited implementation would box
            // a VoidResult instead.
            writer.Line()
                .Open("public override async " + GeneratedCode.Task + "<object?> InvokeUntypedAsync(object grain)")
                .Line("await this.InvokeAsync(grain).ConfigureAwait(false);")
                .Line("return null;")
                .Close();
        }

        writer.Close();
    }

    private static string ArgumentProperty(int index) => "Arg" + index.ToString(CultureInfo.InvariantCulture);

    private static string Id(GrainMethodModel method) => method.MethodId.ToString(CultureInfo.InvariantCulture);
}
