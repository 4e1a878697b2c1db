using System.Globalization;
using System.Text;

namespace Playbound.Hosting.Metrics;

/// <summary>The Prometheus text exposition format (version 0.0.4): names, labels, numbers.</summary>
internal static class PrometheusText
{
    /// <summary>The content type of a scrape response.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly Dictionary<string, string> UnitSuffixes = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["By"] = "bytes",
    };

    /// <summary>
    /// The exported metric name: invalid characters (dots, dashes) become underscores, a known unit is appended
    /// (<c>_seconds</c>), and counters end in <c>_total</c>.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, bool counter)
    {
        var name = Sanitize(instrumentName, allowColon: true);
        if (unit is not null && UnitSuffixes.TryGetValue(unit, out var suffix) && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        return counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>The label set <c>{a="1",b="2"}</c> (sorted by name, so one combination always gives one key), or "".</summary>
    public static string Labels(IEnumerable<KeyValuePair<string, object?>>? instrumentTags, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty && instrumentTags is null)
        {
            return "";
        }

        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in instrumentTags ?? [])
        {
            all[Sanitize(key, allowColon: false)] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }

        foreach (var (key, value) in tags)
        {
            all[Sanitize(key, allowColon: false)] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }

        if (all.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder("{");
        foreach (var (key, value) in all)
        {
            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append(key).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Adds <paramref name="name"/>=<paramref name="value"/> to an existing label set.</summary>
    public static string WithLabel(string labels, string name, string value) =>
        labels.Length == 0 ? $"{{{name}=\"{value}\"}}" : $"{labels[..^1]},{name}=\"{value}\"}}";

    /// <summary>A sample value: Prometheus spells infinities and NaN its own way.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>Escapes HELP text: backslash and newline.</summary>
    public static string EscapeHelp(string text) => text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private static string Sanitize(string name, bool allowColon)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        // A name must not start with a digit (nor be empty).
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
