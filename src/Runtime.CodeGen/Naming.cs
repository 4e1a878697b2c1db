using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Playbound.Runtime.CodeGen;

/// <summary>The names of generated code. Request type names double as wire names, so they must stay stable.</summary>
internal static class Naming
{
    /// <summary>Holds one static class per grain interface, mirroring the interface's namespace and containing types.</summary>
    public const string ProxiesNamespace = "Playbound.Generated.Proxies";

    /// <summary>
    /// Holds the module initializer. It is outside <see cref="ProxiesNamespace"/>, where every name may mirror a
    /// user's namespace or type.
    /// </summary>
    public const string RegistrationNamespace = "Playbound.Generated";

    public const string RegistrationClassName = "GrainProxyModuleInitializer";

    public const string ProxyClassName = "Proxy";

    /// <summary>
    /// <c>Name_Id</c>. Overloads share a name, so the id tells them apart; and because the text after the last
    /// underscore is always the id, two methods with different ids never get the same class name.
    /// </summary>
    public static string RequestClassName(string methodName, int methodId) =>
        methodName + "_" + methodId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Escapes a C# keyword used as an identifier.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// A hint name for the interface's file. Hint names are compared ignoring case, so a hash of the exact metadata
    /// name keeps <c>IFoo</c> and <c>Ifoo</c> apart.
    /// </summary>
    public static string HintName(string metadataName)
    {
        var sanitized = new StringBuilder(metadataName.Length);
        foreach (var c in metadataName)
        {
            sanitized.Append(char.IsLetterOrDigit(c) || c is '.' or '_' or '+' ? c : '_');
        }

        return sanitized + "." + Fnv1a(metadataName).ToString("x8", CultureInfo.InvariantCulture) + ".g.cs";
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
