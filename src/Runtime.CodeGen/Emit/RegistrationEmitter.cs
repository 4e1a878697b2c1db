using System.Collections.Immutable;
using Playbound.Runtime.CodeGen.Model;

namespace Playbound.Runtime.CodeGen.Emit;

/// <summary>
/// Writes the compilation's single module initializer, which registers every generated proxy and request type.
/// The runtime runs a module's initializer when it first meets one of its interfaces, so registration needs no
/// scanning and no reflection.
/// </summary>
internal static class RegistrationEmitter
{
    public const string HintName = "Playbound.GrainProxyModuleInitializer.g.cs";

    public static string Emit(ImmutableArray<GrainRegistrationModel> registrations)
    {
        var writer = new CodeWriter();
        writer.Line(GeneratedCode.Header)
            .Line("namespace " + Naming.RegistrationNamespace + ";")
            .Line()
            .Line(GeneratedCode.Attribute)
            .Open("internal static class " + Naming.RegistrationClassName)
            .Line("[global::System.Runtime.CompilerServices.ModuleInitializer]")
            .Open("internal static void Register()");

        var first = true;
        foreach (var registration in registrations)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line("global::Playbound.Runtime.Invocation.GrainProxyRegistry.Register<" + registration.InterfaceFullName + ">(")
                .Line("    static (grainId, invoker) => new " + registration.ProxyFullName + "(grainId, invoker)"
                    + (registration.RequestFullNames.Count == 0 ? ");" : ","));
            for (var i = 0; i < registration.RequestFullNames.Count; i++)
            {
                writer.Line("    typeof(" + registration.RequestFullNames[i] + ")"
                    + (i == registration.RequestFullNames.Count - 1 ? ");" : ","));
            }
        }

        writer.Close().Close();
        return writer.ToString();
    }
}
