using System.Globalization;

namespace Playbound.LoadGen;

/// <summary>
/// Options shared by the load generator's commands, read as <c>--name value</c> pairs. Every option a command reads is
/// remembered with its effective value (defaults included), so a result records exactly what produced it.
/// </summary>
public sealed class LoadGenOptions(IReadOnlyDictionary<string, string> values)
{
    private readonly Dictionary<string, string> _effective = new(StringComparer.Ordinal);

    /// <summary>What the command ran with; <c>--out</c> only says where results go, so it is left out.</summary>
    public IReadOnlyDictionary<string, string> Parameters =>
        _effective.Where(static p => p.Key != "out").ToDictionary(StringComparer.Ordinal);

    public static LoadGenOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var isFlag = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[args[i][2..]] = isFlag ? "true" : args[++i];
        }

        return new LoadGenOptions(values);
    }

    public string Text(string name, string fallback) => _effective[name] = values.GetValueOrDefault(name, fallback);

    public int Number(string name, int fallback) =>
        int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Real(string name, double fallback) =>
        double.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public bool Flag(string name) => bool.Parse(Text(name, "false"));
}
