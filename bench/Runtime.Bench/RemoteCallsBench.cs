using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Runtime;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Placement;

namespace Playbound.Benchmarks;

/// <summary>
/// Cross-silo call throughput: two silos in this process on loopback; every measured call goes from silo A to a
/// grain that silo B owns, so each one is a request frame, a grain turn on B and a response frame.
/// </summary>
public static class RemoteCallsBench
{
    public static async Task RunAsync(int concurrency, int grainCount, TimeSpan duration)
    {
        var a = new SiloAddress("127.0.0.1", FreePort(), 1);
        var b = new SiloAddress("127.0.0.1", FreePort(), 1);
        var snapshot = new MembershipSnapshot(1, [a, b]);
        using var siloA = await StartSiloAsync(a, snapshot);
        using var siloB = await StartSiloAsync(b, snapshot);
        var factory = siloA.Services.GetRequiredService<IGrainFactory>();
        var grains = KeysOwnedBy(b, snapshot, grainCount).Select(factory.GetGrain<IPingGrain>).ToArray();
        await Task.WhenAll(grains.Select(static g => g.Ping(0)));

        await RunCallersAsync(grains, concurrency, TimeSpan.FromSeconds(2)); // JIT warm-up
        var (calls, elapsed) = await RunCallersAsync(grains, concurrency, duration);
        Console.WriteLine($"remote-calls concurrency={concurrency} grains={grainCount}: {calls / elapsed.TotalSeconds:N0} calls/s ({calls:N0} calls in {elapsed.TotalSeconds:N1}s)");
        await siloA.StopAsync();
        await siloB.StopAsync();
    }

    private static async Task<(long Calls, TimeSpan Elapsed)> RunCallersAsync(IPingGrain[] grains, int concurrency, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
        {
            var calls = 0L;
            var index = c;
            while (stopwatch.Elapsed < duration)
            {
                await grains[index++ % grains.Length].Ping(1);
                calls++;
            }

            return calls;
        })));
        return (counts.Sum(), stopwatch.Elapsed);
    }

    private static IEnumerable<string> KeysOwnedBy(SiloAddress owner, MembershipSnapshot snapshot, int count)
    {
        var placement = new HashPlacement();
        return Enumerable.Range(0, int.MaxValue).Select(static i => $"r{i}")
            .Where(key => placement.GetOwner(new GrainId("ping", key), snapshot) == owner).Take(count);
    }

    private static async Task<IHost> StartSiloAsync(SiloAddress silo, MembershipSnapshot snapshot)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IClusterMembership>(new StaticMembership(silo, snapshot));
        builder.Services.AddPlayboundSilo(s => s.AddGrains(typeof(PingGrain).Assembly).UseClusterTransport(o => o.SiloPort = silo.Port));
        builder.Services.AddMemoryGrainStorage();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A membership that never changes: the benchmark measures calls, not membership.</summary>
    private sealed class StaticMembership(SiloAddress local, MembershipSnapshot snapshot) : IClusterMembership
    {
        public MembershipSnapshot Current => snapshot;

        public SiloAddress? LocalSilo => local;

        public event Action<MembershipSnapshot>? Changed
        {
            add { }
            remove { }
        }
    }
}
