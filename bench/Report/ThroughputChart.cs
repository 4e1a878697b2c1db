using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace Playbound.Report;

/// <summary>
/// One bar chart per throughput unit (req/s, calls/s, ...; they do not share an axis): each scenario's median over its
/// runs as a bar (its value under the name), min–max as a whisker, every run as a dot. The baseline scenario is grey,
/// with a dashed line across at its median.
/// </summary>
public static class ThroughputChart
{
    private static readonly Color Measured = new ScottPlot.Palettes.Category10().GetColor(0);

    public static IEnumerable<string> Render(IReadOnlyList<ScenarioRuns> scenarios, string? baselineName, string folder) =>
        scenarios.GroupBy(static s => s.ThroughputUnit)
            .Select(unit => RenderUnit([.. unit], unit.Key, baselineName, Path.Combine(folder, $"throughput-{Slug(unit.Key)}.png")))
            .ToArray();

    private static string RenderUnit(ScenarioRuns[] scenarios, string unit, string? baselineName, string path)
    {
        var baseline = scenarios.FirstOrDefault(s =>
            baselineName is null ? s.Name.StartsWith("baseline", StringComparison.OrdinalIgnoreCase) : s.Name == baselineName);
        var baselineMedian = baseline?.SpreadOf(static r => r.Throughput).Median;
        var spreads = scenarios.Select(static s => s.SpreadOf(static r => r.Throughput)).ToArray();
        double[] positions = [.. Enumerable.Range(0, scenarios.Length).Select(static i => (double)i)];

        var plot = new Plot();
        plot.Add.Bars(scenarios.Select((scenario, i) => new Bar
        {
            Position = i,
            Value = spreads[i].Median,
            FillColor = scenario == baseline ? Colors.Gray : Measured,
        }).ToArray());
        plot.Add.Plottable(new ErrorBar(
            positions, [.. spreads.Select(static s => s.Median)], null, null,
            [.. spreads.Select(static s => s.Max - s.Median)], [.. spreads.Select(static s => s.Median - s.Min)])
        {
            Color = Colors.Black,
            LineWidth = 1.5f,
        });
        for (var i = 0; i < scenarios.Length; i++)
        {
            var runs = plot.Add.Scatter(
                scenarios[i].Runs.Select(_ => positions[i] + 0.25).ToArray(), scenarios[i].Runs.Select(static r => r.Throughput).ToArray(), Colors.Black);
            runs.LineWidth = 0;
            runs.MarkerSize = 5;
        }

        if (baselineMedian is { } line)
        {
            plot.Add.HorizontalLine(line, 1, Colors.Gray, LinePattern.Dashed);
        }

        // The figures go under the names: a label on a short bar would be unreadable.
        plot.Axes.Bottom.TickGenerator = new NumericManual(positions, [.. scenarios.Select((s, i) => $"{s.Name}\n{spreads[i].Median:N0}")]);
        plot.Axes.Margins(bottom: 0);
        var runCounts = string.Join("/", scenarios.Select(static s => s.Runs.Count).Distinct());
        plot.Title($"Throughput ({unit}): median of {runCounts} runs, whiskers min–max, dots each run");
        plot.YLabel(unit);
        plot.SavePng(path, Math.Max(640, 200 * scenarios.Length), 480);
        return path;
    }

    private static string Slug(string unit) =>
        new([.. unit.Select(static c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
}
