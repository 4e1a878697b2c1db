using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Runtime;
using Playbound.Runtime.Hosting;

namespace Playbound.Benchmarks;

/// <summary>Runtime load benchmarks: local call throughput, activation rate, state writes per second.</summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        switch (options.Command)
        {
            case "calls":
                foreach (var threads in options.Threads)
                {
                    await using var silo = await StartSiloAsync("memory", null);
                    await CallsAsync(silo, threads, options.Grains, options.Duration);
                }

                return 0;
            case "remote-calls":
                foreach (var concurrency in options.Concurrency)
                {
                    await RemoteCallsBench.RunAsync(concurrency, options.Grains, options.Duration);
                }

                return 0;
            case "activations":
                await using (var silo = await StartSiloAsync(options.Storage, options.Postgres))
                {
                    await ActivationsAsync(silo, options);
                }

                return 0;
            case "writes":
                await using (var silo = await StartSiloAsync(options.Storage, options.Postgres))
                {
                    await WritesAsync(silo, options);
                }

                return 0;
            default:
                Console.Error.WriteLine("usage: <calls|remote-calls|activations|writes> [--threads 1,2] [--concurrency 1000] [--grains N] [--seconds S] [--storage memory|sqlite|postgres] [--writers N] [--postgres CONN]");
                return 2;
        }
    }

    private static async Task CallsAsync(BenchSilo silo, int threads, int grainCount, TimeSpan duration)
    {
        var grains = Enumerable.Range(0, grainCount).Select(i => silo.Grains.GetGrain<IPingGrain>($"g{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.Ping(0)));

        // Warm up the JIT (tiering, PGO) before measuring.
        RunCallers(grains, threads, TimeSpan.FromSeconds(2));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (calls, elapsed) = RunCallers(grains, threads, duration);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.WriteLine($"calls threads={threads} grains={grainCount}: {calls / elapsed.TotalSeconds:N0} calls/s, {(double)allocated / calls:N1} bytes allocated/call ({calls:N0} calls in {elapsed.TotalSeconds:N1}s)");
    }

    private static (long Calls, TimeSpan Elapsed) RunCallers(IPingGrain[] grains, int threads, TimeSpan duration)
    {
        var total = 0L;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var calls = 0L;
            var index = t * 7919;
            while (stopwatch.Elapsed < duration)
            {
                for (var i = 0; i < 1000; i++)
                {
                    var task = grains[index++ % grains.Length].Ping(i);
                    if (!task.IsCompletedSuccessfully)
                    {
                        task.GetAwaiter().GetResult();
                    }
                }

                calls += 1000;
            }

            Interlocked.Add(ref total, calls);
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return (total, stopwatch.Elapsed);
    }

    // Without storage a new grain costs the runtime alone; with storage its activation also reads its state row.
    private static async Task ActivationsAsync(BenchSilo silo, BenchOptions options)
    {
        var grainCount = options.Grains;
        var run = Guid.NewGuid().ToString("N");
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, grainCount), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, _) =>
            {
                if (options.Storage == "memory")
                {
                    await silo.Grains.GetGrain<IPingGrain>($"new-{i}").Ping(i);
                }
                else
                {
                    await silo.Grains.GetGrain<IStoreGrain>($"new-{run}-{i}").Read();
                }
            });
        Console.WriteLine($"activations storage={options.Storage}: {grainCount / stopwatch.Elapsed.TotalSeconds:N0} new grains/s ({grainCount:N0} in {stopwatch.Elapsed.TotalSeconds:N2}s)");
    }

    private static async Task WritesAsync(BenchSilo silo, BenchOptions options)
    {
        var writers = options.Writers;
        var grains = Enumerable.Range(0, writers).Select(i => silo.Grains.GetGrain<IStoreGrain>($"w{Guid.NewGuid():N}-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => g.Write(0)));
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(grains.Select(async grain =>
        {
            var writes = 0;
            while (stopwatch.Elapsed < options.Duration)
            {
                await grain.Write(++writes);
            }

            return writes;
        }));
        var total = counts.Sum();
        Console.WriteLine($"writes storage={options.Storage} writers={writers}: {total / stopwatch.Elapsed.TotalSeconds:N0} writes/s ({total:N0} in {stopwatch.Elapsed.TotalSeconds:N1}s)");
    }

    private static async Task<BenchSilo> StartSiloAsync(string storage, string? postgres)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPlayboundSilo(silo => silo.AddGrains(typeof(PingGrain).Assembly));
        switch (storage)
        {
            case "sqlite":
                builder.Services.AddSqliteGrainStorage(o => o.DataDirectory = Directory.CreateTempSubdirectory("playbound-bench-").FullName);
                break;
            case "postgres":
                builder.Services.AddPostgresGrainStorage(o => o.ConnectionString = postgres
                    ?? "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test");
                break;
            default:
                builder.Services.AddMemoryGrainStorage();
                break;
        }

        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    private sealed class BenchSilo(IHost host) : IAsyncDisposable
    {
        public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IGrainFactory>();

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
