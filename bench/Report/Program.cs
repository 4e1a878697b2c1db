using Playbound.Bench.Results;
using Playbound.Report;

// Usage: dotnet bench/Report/bin/Release/net10.0/Playbound.Report.dll --results DIR [--out docs/benchmarks] [--baseline SCENARIO]
// Reads every *.json result file in DIR; writes throughput-*.png, latency-cdf.png, latency-percentiles.png and summary.csv.
var arguments = ReportArguments.Parse(args);
var scenarios = ScenarioRuns.Group(ResultFile.ReadFolder(arguments.Results));
Directory.CreateDirectory(arguments.Out);
foreach (var chart in ThroughputChart.Render(scenarios, arguments.Baseline, arguments.Out)
    .Concat(LatencyCharts.Render(scenarios, arguments.Out))
    .Append(SummaryTable.Write(scenarios, arguments.Out)))
{
    Console.WriteLine($"wrote {chart}");
}
