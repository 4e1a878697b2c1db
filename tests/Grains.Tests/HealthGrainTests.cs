using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Playbound.Hosting;
using Playbound.Runtime;

namespace Playbound.Grains.Tests;

public sealed class HealthGrainTests
{
    [Fact]
    public async Task Each_check_writes_a_heartbeat_that_survives_a_restart()
    {
        var directory = Directory.CreateTempSubdirectory("playbound-grains-").FullName;

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
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Playbound:DataDir", (string?)directory)]);
        builder.AddPlayboundSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
