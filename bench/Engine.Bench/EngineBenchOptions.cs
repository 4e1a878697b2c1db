using System.Globalization;

namespace Playbound.Engine.Bench;

/// <summary>Command-line options of the engine benchmarks.</summary>
/// <param name="Scenario">Names the results (each measurement adds its own settings); the command by default.</param>
/// <param name="Out">Where the results go as JSON (bench/Results), or empty for the console only.</param>
public sealed record EngineBenchOptions(
    string Command, int[] Concurrency, int Grains, TimeSpan Duration, string Storage, int[] BatchSizes, string Redis, string Scenario, string Out)
{
    public const string Usage =
        "usage: <calls|remote-calls|activations|writes> [--concurrency 64,1000] [--grains N] [--seconds S] " +
        "[--storage memory|sqlite|redis] [--batch-sizes 1,512] [--redis 127.0.0.1:6379] [--scenario NAME] [--out FILE.json]";

    public static EngineBenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        int[] Numbers(string name, string fallback) => [.. Value(name, fallback).Split(',').Select(int.Parse)];

        var command = args.Length > 0 ? args[0] : "";
        return new EngineBenchOptions(
            command,
            Numbers("--concurrency", "64,1000"),
            int.Parse(Value("--grains", "10000"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", "5"), CultureInfo.InvariantCulture)),
            Value("--storage", "memory"),
            Numbers("--batch-sizes", "512"),
            Value("--redis", "127.0.0.1:6379"),
            Value("--scenario", command),
            Value("--out", ""));
    }
}
