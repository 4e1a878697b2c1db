namespace Playbound.Report;

/// <summary>
/// Where the results are, where the charts go, and which scenario the throughput charts compare against (by default
/// the first whose name starts with "baseline").
/// </summary>
public sealed record ReportArguments(string Results, string Out, string? Baseline)
{
    public static ReportArguments Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        return new ReportArguments(
            Value("--results") ?? throw new ArgumentException("usage: --results DIR [--out docs/benchmarks] [--baseline SCENARIO]"),
            Value("--out") ?? Path.Combine("docs", "benchmarks"),
            Value("--baseline"));
    }
}
