using System.Diagnostics;

namespace Playbound.Engine.Bench;

/// <summary>Grain call throughput on one silo and across two, activation rate, state writes per second.</summary>
public static class EngineBench
{
    public static async Task<int> RunAsync(EngineBenchOptions options)
    {
        switch (options.Command)
        {
            case "calls":
                await using (var silo = await BenchSilo.StartAsync(0, "memory", options, 0))
                {
                    await CallsAsync("calls", silo.Grains, silo.Grains, options);
                }

                return 0;
            case "remote-calls":
                await using (var caller = await BenchSilo.StartAsync(0, "memory", options, 0))
                await using (var owner = await BenchSilo.StartAsync(1, "memory", options, 0))
                {
                    // The targets are activated by the owner (PreferLocalPlacement), then called from the other silo.
                    await CallsAsync("remote-calls", owner.Grains, caller.Grains, options);
                }

                return 0;
            case "activations":
                await using (var silo = await BenchSilo.StartAsync(0, options.Storage, options, options.BatchSizes[0]))
                {
                    await ActivationsAsync(silo.Grains, options);
                }

                return 0;
            case "writes":
                foreach (var batchSize in options.BatchSizes)
                {
                    await using var silo = await BenchSilo.StartAsync(0, options.Storage, options, batchSize);
                    foreach (var writers in options.Concurrency)
                    {
                        await WritesAsync(silo.Grains, options, writers, batchSize);
                    }
                }

                return 0;
            default:
                Console.Error.WriteLine(EngineBenchOptions.Usage);
                return 2;
        }
    }

    private static async Task CallsAsync(string name, IGrainFactory owner, IGrainFactory caller, EngineBenchOptions options)
    {
        var keys = Enumerable.Range(0, options.Grains).Select(i => $"g{i}").ToArray();
        await Task.WhenAll(keys.Select(key => owner.GetGrain<IPingGrain>(key).Ping(0)));
        var grains = keys.Select(key => caller.GetGrain<IPingGrain>(key)).ToArray();
        foreach (var concurrency in options.Concurrency)
        {
            await RunCallersAsync(grains, concurrency, TimeSpan.FromSeconds(2));
            var (calls, elapsed) = await RunCallersAsync(grains, concurrency, options.Duration);
            Console.WriteLine($"{name} concurrency={concurrency} grains={grains.Length}: {calls / elapsed.TotalSeconds:N0} calls/s ({calls:N0} in {elapsed.TotalSeconds:N1}s)");
        }
    }

    private static async Task<(long Calls, TimeSpan Elapsed)> RunCallersAsync(IPingGrain[] grains, int concurrency, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async caller =>
        {
            var calls = 0L;
            var index = caller * 7919;
            while (stopwatch.Elapsed < duration)
            {
                await grains[index++ % grains.Length].Ping(caller);
                calls++;
            }

            return calls;
        }));
        return (counts.Sum(), stopwatch.Elapsed);
    }

    private static async Task ActivationsAsync(IGrainFactory grains, EngineBenchOptions options)
    {
        var run = Guid.NewGuid().ToString("N");
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Grains), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            if (options.Storage == "memory")
            {
                await grains.GetGrain<IPingGrain>($"new-{run}-{i}").Ping(i);
            }
            else
            {
                await grains.GetGrain<IStoreGrain>($"new-{run}-{i}").Read();
            }
        });
        Console.WriteLine($"activations storage={options.Storage}: {options.Grains / stopwatch.Elapsed.TotalSeconds:N0} new grains/s ({options.Grains:N0} in {stopwatch.Elapsed.TotalSeconds:N2}s)");
    }

    private static async Task WritesAsync(IGrainFactory factory, EngineBenchOptions options, int writers, int batchSize)
    {
        var grains = Enumerable.Range(0, writers).Select(i => factory.GetGrain<IStoreGrain>($"w{Guid.NewGuid():N}-{i}")).ToArray();
        await RunWritersAsync(grains, TimeSpan.FromSeconds(1));
        var (total, elapsed) = await RunWritersAsync(grains, options.Duration);
        Console.WriteLine($"writes storage={options.Storage} writers={writers} max-batch={batchSize}: {total / elapsed.TotalSeconds:N0} writes/s ({total:N0} in {elapsed.TotalSeconds:N1}s)");
    }

    private static async Task<(long Writes, TimeSpan Elapsed)> RunWritersAsync(IStoreGrain[] grains, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(grains.Select(async grain =>
        {
            var writes = 0L;
            while (stopwatch.Elapsed < duration)
            {
                await grain.Write((int)++writes);
            }

            return writes;
        }));
        return (counts.Sum(), stopwatch.Elapsed);
    }
}
