using System.Diagnostics;
using System.Globalization;
using Playbound.Bench.Results;

namespace Playbound.Engine.Bench;

/// <summary>
/// Grain call throughput on one silo and across two, activation rate, state writes per second; each operation is also
/// timed (a clock read per call, a few percent of a local call's cost), so every measurement has its latency percentiles.
/// </summary>
public static class EngineBench
{
    private const int ActivationCallers = 64;

    public static async Task<int> RunAsync(EngineBenchOptions options)
    {
        var results = new List<BenchmarkResult>();
        void Record(BenchmarkResult result)
        {
            Console.WriteLine(result);
            results.Add(result);
        }

        switch (options.Command)
        {
            case "calls":
                await using (var silo = await BenchSilo.StartAsync(0, "memory", options, 0))
                {
                    await CallsAsync(silo.Grains, silo.Grains, options, Record);
                }

                break;
            case "remote-calls":
                await using (var caller = await BenchSilo.StartAsync(0, "memory", options, 0))
                await using (var owner = await BenchSilo.StartAsync(1, "memory", options, 0))
                {
                    // The targets are activated by the owner (PreferLocalPlacement), then called from the other silo.
                    await CallsAsync(owner.Grains, caller.Grains, options, Record);
                }

                break;
            case "activations":
                await using (var silo = await BenchSilo.StartAsync(0, options.Storage, options, options.BatchSizes[0]))
                {
                    Record(await ActivationsAsync(silo.Grains, options));
                }

                break;
            case "writes":
                foreach (var batchSize in options.BatchSizes)
                {
                    await using var silo = await BenchSilo.StartAsync(0, options.Storage, options, batchSize);
                    foreach (var writers in options.Concurrency)
                    {
                        Record(await WritesAsync(silo.Grains, options, writers, batchSize));
                    }
                }

                break;
            default:
                Console.Error.WriteLine(EngineBenchOptions.Usage);
                return 2;
        }

        if (options.Out.Length > 0)
        {
            ResultFile.Write(options.Out, results);
            Console.WriteLine($"results written to {options.Out}");
        }

        return 0;
    }

    private static async Task CallsAsync(IGrainFactory owner, IGrainFactory caller, EngineBenchOptions options, Action<BenchmarkResult> record)
    {
        var keys = Enumerable.Range(0, options.Grains).Select(i => $"g{i}").ToArray();
        await Task.WhenAll(keys.Select(key => owner.GetGrain<IPingGrain>(key).Ping(0)));
        var grains = keys.Select(key => caller.GetGrain<IPingGrain>(key)).ToArray();
        foreach (var concurrency in options.Concurrency)
        {
            await RunCallersAsync(grains, concurrency, TimeSpan.FromSeconds(2), new LatencyRecorder());
            var latencies = new LatencyRecorder();
            var elapsed = await RunCallersAsync(grains, concurrency, options.Duration, latencies);
            record(Result($"{options.Scenario} concurrency={concurrency} grains={grains.Length}", options, elapsed, "calls/s", latencies.Distribution(),
                ("concurrency", concurrency)));
        }
    }

    private static async Task<TimeSpan> RunCallersAsync(IPingGrain[] grains, int concurrency, TimeSpan duration, LatencyRecorder latencies)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async caller =>
        {
            var samples = latencies.ForWorker();
            var index = caller * 7919;
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await grains[index++ % grains.Length].Ping(caller);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return stopwatch.Elapsed;
    }

    private static async Task<BenchmarkResult> ActivationsAsync(IGrainFactory grains, EngineBenchOptions options)
    {
        var run = Guid.NewGuid().ToString("N");
        var latencies = new double[options.Grains];
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Grains), new ParallelOptions { MaxDegreeOfParallelism = ActivationCallers }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            if (options.Storage == "memory")
            {
                await grains.GetGrain<IPingGrain>($"new-{run}-{i}").Ping(i);
            }
            else
            {
                await grains.GetGrain<IStoreGrain>($"new-{run}-{i}").Read();
            }

            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        var elapsed = stopwatch.Elapsed;
        return Result($"{options.Scenario} storage={options.Storage}", options, elapsed, "activations/s", LatencyDistribution.FromSamples(latencies),
            ("concurrency", ActivationCallers));
    }

    private static async Task<BenchmarkResult> WritesAsync(IGrainFactory factory, EngineBenchOptions options, int writers, int batchSize)
    {
        var grains = Enumerable.Range(0, writers).Select(i => factory.GetGrain<IStoreGrain>($"w{Guid.NewGuid():N}-{i}")).ToArray();
        await RunWritersAsync(grains, TimeSpan.FromSeconds(1), new LatencyRecorder());
        var latencies = new LatencyRecorder();
        var elapsed = await RunWritersAsync(grains, options.Duration, latencies);
        return Result($"{options.Scenario} storage={options.Storage} writers={writers} max-batch={batchSize}", options, elapsed, "writes/s",
            latencies.Distribution(), ("concurrency", writers), ("max-batch", batchSize));
    }

    private static async Task<TimeSpan> RunWritersAsync(IStoreGrain[] grains, TimeSpan duration, LatencyRecorder latencies)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select(async grain =>
        {
            var samples = latencies.ForWorker();
            while (stopwatch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await grain.Write(samples.Count + 1);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return stopwatch.Elapsed;
    }

    /// <summary>A measurement's result: every operation timed, so the latency count is the operation count.</summary>
    private static BenchmarkResult Result(
        string scenario, EngineBenchOptions options, TimeSpan elapsed, string unit, LatencyDistribution latency, params (string Name, int Value)[] settings)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["command"] = options.Command,
            ["grains"] = options.Grains.ToString(CultureInfo.InvariantCulture),
            ["seconds"] = options.Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["storage"] = options.Storage,
        };
        foreach (var (name, value) in settings)
        {
            parameters[name] = value.ToString(CultureInfo.InvariantCulture);
        }

        return BenchmarkResult.Create(scenario, parameters, latency.Count, 0, elapsed, unit, latency);
    }
}
