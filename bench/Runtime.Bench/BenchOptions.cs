namespace Playbound.Benchmarks;

/// <summary>Command-line options of the runtime benchmarks.</summary>
public sealed record BenchOptions(
    string Command, int[] Threads, int Grains, TimeSpan Duration, string Storage, int Writers, string? Postgres, int[] Concurrency)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var postgres = Value("--postgres", "");
        return new BenchOptions(
            args.Length > 0 ? args[0] : "",
            [.. Value("--threads", "1,2").Split(',').Select(int.Parse)],
            int.Parse(Value("--grains", "10000")),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds", "5"), System.Globalization.CultureInfo.InvariantCulture)),
            Value("--storage", "memory"),
            int.Parse(Value("--writers", "1")),
            postgres.Length == 0 ? null : postgres,
            [.. Value("--concurrency", "1000").Split(',').Select(int.Parse)]);
    }
}
