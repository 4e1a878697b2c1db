using System.Runtime.InteropServices;

namespace Playbound.Bench.Results;

/// <summary>
/// One measured figure: what ran (scenario and its effective parameters), where and when, how much got done per second,
/// and the latency distribution of the operations timed. Throughput and latency may count different things (fan-out
/// counts feed entries per second but times each post); <see cref="ThroughputUnit"/> says what was counted.
/// </summary>
public sealed record BenchmarkResult(
    string Scenario,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset Timestamp,
    MachineInfo Machine,
    double DurationSeconds,
    long Operations,
    long Errors,
    double Throughput,
    string ThroughputUnit,
    LatencyDistribution Latency)
{
    public static BenchmarkResult Create(
        string scenario, IReadOnlyDictionary<string, string> parameters, long operations, long errors, TimeSpan elapsed, string throughputUnit,
        LatencyDistribution latency) =>
        new(scenario, parameters, DateTimeOffset.UtcNow, MachineInfo.Current, elapsed.TotalSeconds, operations, errors,
            operations / elapsed.TotalSeconds, throughputUnit, latency);

    /// <summary>The console line the programs print for this result.</summary>
    public override string ToString() =>
        $"{Scenario}: {Operations:N0} operations, {Errors:N0} errors, {Throughput:N0} {ThroughputUnit}, latency {Latency}";
}

/// <summary>The machine a result was measured on.</summary>
public sealed record MachineInfo(string Name, int ProcessorCount, string OperatingSystem, string Runtime)
{
    public static MachineInfo Current { get; } = new(
        Environment.MachineName, Environment.ProcessorCount, RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);
}
