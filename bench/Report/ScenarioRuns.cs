using Playbound.Bench.Results;

namespace Playbound.Report;

/// <summary>The runs of one scenario (results with the same name), in the order their files were read.</summary>
public sealed record ScenarioRuns(string Name, IReadOnlyList<BenchmarkResult> Runs)
{
    public string ThroughputUnit => Runs[0].ThroughputUnit;

    public static IReadOnlyList<ScenarioRuns> Group(IEnumerable<BenchmarkResult> results) =>
        [.. results.GroupBy(static r => r.Scenario, StringComparer.Ordinal).Select(static g => new ScenarioRuns(g.Key, [.. g]))];

    /// <summary>Minimum, median and maximum of a figure over the runs.</summary>
    public Spread SpreadOf(Func<BenchmarkResult, double> figure)
    {
        var values = Runs.Select(figure).Order().ToArray();
        var middle = values.Length / 2;
        var median = values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new Spread(values[0], median, values[^1]);
    }
}

public readonly record struct Spread(double Min, double Median, double Max);
