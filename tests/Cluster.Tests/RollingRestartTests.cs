using Playbound.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Playbound.Cluster.Tests;

/// <summary>Silos restarted one by one, as a rolling deployment does, while users keep posting and reading.</summary>
[Collection(ProcessFailureCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Users = 4;
    private const int RequestsPerPhase = 30;

    [Fact]
    public async Task A_rolling_restart_of_every_silo_under_steady_load_fails_no_request()
    {
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 2);
        var load = await SteadyLoad.StartAsync(cluster, Users);
        await using (load)
        {
            await load.WaitForRequestsAsync(RequestsPerPhase);
            foreach (var silo in cluster.Silos)
            {
                // SIGTERM: the silo leaves membership and hands its grains over; it has left once the process exits.
                await silo.StopAsync();
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {silo.Name} stopped after {load.Requests} requests, {load.Failures.Count} failed");
                await load.WaitForRequestsAsync(RequestsPerPhase);
                await ClusterProcesses.RestartAsync(silo);
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {silo.Name} ready again after {load.Requests} requests, {load.Failures.Count} failed");
                await load.WaitForRequestsAsync(RequestsPerPhase);
            }
        }

        output.WriteLine($"{load.Requests} requests, {load.Failures.Count} failed");
        if (load.Failures.Count > 0)
        {
            throw cluster.Failure($"{load.Failures.Count} of {load.Requests} requests failed during the rolling restart:\n{string.Join('\n', load.Failures.Take(30))}");
        }
    }
}
