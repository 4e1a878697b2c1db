using System.Text.RegularExpressions;

namespace Playbound.Deploy.Tests;

/// <summary>
/// Reads the keys of README.md's Configuration table. A row may list siblings by their last segment:
/// "`Playbound:Auth:External:Issuer`, `:Audience`" stands for Playbound:Auth:External:Issuer and :Audience.
/// </summary>
internal static partial class ConfigurationTable
{
    public static IReadOnlySet<string> Keys(string readme)
    {
        var section = readme[readme.IndexOf("## Configuration", StringComparison.Ordinal)..];
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in section.Split('\n').Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 2)
            {
                continue;
            }

            var names = CodeSpan().Matches(cells[1]).Select(match => match.Groups[1].Value).ToList();
            var first = names.FirstOrDefault(name => !name.StartsWith(':'));
            if (first is null)
            {
                continue;
            }

            // `:Suffix` cells continue the first key's parent; keys without one (OTEL_* variables) stand alone.
            var parent = first.Contains(':') ? first[..first.LastIndexOf(':')] : first;
            keys.UnionWith(names.Select(name => name.StartsWith(':') ? parent + name : name));
        }

        return keys;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
