using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

public sealed class HealthGrainTests
{
    [Fact]
    public async Task Each_check_writes_a_heartbeat_that_survives_a_restart()
    {
        var directory = TestDatabases.NewSqliteDirectory();

        using (var first = await StartSiloAsync(directory))
        {
            var health = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IHealthGrain>("silo-a");
            Assert.Equal(1, (await health.Check()).Heartbeats);
            Assert.Equal(2, (await health.Check()).Heartbeats);
            await first.StopAsync();
        }

        using var second = await StartSiloAsync(directory);
        var report = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IHealthGrain>("silo-a").Check();
        Assert.Equal(new HealthReport("silo-a", report.CheckedAt, 3), report);
        await second.StopAsync();
    }

    private static async Task<IHost> StartSiloAsync(string directory)
    {
        var host = EmbeddedSilo.Build([KeyValuePair.Create("Playbound:DataDir", (string?)directory)]);
        await host.StartAsync();
        return host;
    }
}
