using System.Globalization;
using System.Text;

namespace Playbound.Report;

/// <summary>summary.csv: one row per scenario, the spread of its runs' throughput and p99 latency.</summary>
public static class SummaryTable
{
    public const string FileName = "summary.csv";

    public static string Write(IReadOnlyList<ScenarioRuns> scenarios, string folder)
    {
        var csv = new StringBuilder("scenario,runs,throughput_unit,throughput_min,throughput_median,throughput_max,p99_ms_min,p99_ms_median,p99_ms_max,errors\n");
        foreach (var scenario in scenarios)
        {
            var throughput = scenario.SpreadOf(static r => r.Throughput);
            var p99 = scenario.SpreadOf(static r => r.Latency.P99);
            csv.Append(CultureInfo.InvariantCulture,
                $"{Quoted(scenario.Name)},{scenario.Runs.Count},{Quoted(scenario.ThroughputUnit)},{throughput.Min:F1},{throughput.Median:F1},{throughput.Max:F1},");
            csv.Append(CultureInfo.InvariantCulture, $"{p99.Min:F3},{p99.Median:F3},{p99.Max:F3},{scenario.Runs.Sum(static r => r.Errors)}\n");
        }

        var path = Path.Combine(folder, FileName);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static string Quoted(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
