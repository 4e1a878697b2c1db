using Playbound.Bench.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Playbound.Report;

/// <summary>
/// Latency of every scenario that timed operations, one colour per scenario and one line per run: the CDF on a log
/// latency axis, and the percentile plot (latency against 90%, 99%, 99.9%, ... on a "nines" axis) that shows the tail.
/// </summary>
public static class LatencyCharts
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public static IEnumerable<string> Render(IReadOnlyList<ScenarioRuns> scenarios, string folder)
    {
        var timed = scenarios.Where(static s => s.Runs.Any(static r => r.Latency.Count > 0)).ToArray();
        return [Cdf(timed, Path.Combine(folder, "latency-cdf.png")), Percentiles(timed, Path.Combine(folder, "latency-percentiles.png"))];
    }

    private static string Cdf(ScenarioRuns[] scenarios, string path)
    {
        var plot = new Plot();
        AddLines(plot, scenarios, static point => (Math.Log10(point.LatencyMs), point.Quantile * 100));
        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.SetLimitsY(0, 100);
        plot.Title("Latency CDF (one line per run)");
        plot.XLabel("latency, ms (log scale)");
        plot.YLabel("% of operations at or below");
        return Save(plot, path);
    }

    private static string Percentiles(ScenarioRuns[] scenarios, string path)
    {
        var plot = new Plot();
        // The body below the median is the CDF's business; the max (quantile 1) has no place on a nines axis.
        AddLines(plot, scenarios, static point => point.Quantile is >= 0.5 and < 1 ? (Nines(point.Quantile), Math.Log10(point.LatencyMs)) : null);
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            [Nines(0.5), Nines(0.9), Nines(0.99), Nines(0.999), Nines(0.9999), Nines(0.99999)], ["50%", "90%", "99%", "99.9%", "99.99%", "99.999%"]);
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Title("Latency by percentile (one line per run)");
        plot.XLabel("percentile");
        plot.YLabel("latency, ms (log scale)");
        return Save(plot, path);
    }

    private static void AddLines(Plot plot, ScenarioRuns[] scenarios, Func<QuantilePoint, (double X, double Y)?> project)
    {
        for (var i = 0; i < scenarios.Length; i++)
        {
            foreach (var (run, index) in scenarios[i].Runs.Select(static (r, n) => (r, n)))
            {
                // Log axes cannot show a zero latency (a clock tick too coarse to see the operation).
                var points = run.Latency.Cdf.Where(static p => p.LatencyMs > 0).Select(project).OfType<(double X, double Y)>().ToArray();
                var line = plot.Add.ScatterLine(points.Select(static p => p.X).ToArray(), points.Select(static p => p.Y).ToArray(), Palette.GetColor(i));
                line.LineWidth = 1.5f;
                line.LegendText = index == 0 ? scenarios[i].Name : "";
            }
        }
    }

    private static double Nines(double quantile) => -Math.Log10(1 - quantile);

    private static NumericAutomatic LogTicks() => new()
    {
        IntegerTicksOnly = true,
        LabelFormatter = static exponent => $"{Math.Pow(10, exponent):G6}",
        MinorTickGenerator = new LogMinorTickGenerator(),
    };

    private static string Save(Plot plot, string path)
    {
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 540);
        return path;
    }
}
