using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Resilience;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Resilience;

public sealed class DependencyCircuitsHealthCheckTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Ready_is_unhealthy_while_a_circuit_is_open_and_healthy_once_it_closed()
    {
        await using var provider = Services(new Dictionary<string, string?>
        {
            ["Playbound:Resilience:Storage:MinimumThroughput"] = "2",
            ["Playbound:Resilience:Storage:RetryAttempts"] = "0",
        });
        var circuits = provider.GetRequiredService<DependencyCircuits>();
        var check = new DependencyCircuitsHealthCheck(circuits);
        var storage = circuits.Get(DependencyCircuits.Storage);
        circuits.Get(DependencyCircuits.Broker);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(check)).Status);

        await storage.FailAsync(new TimeoutException());
        await storage.FailAsync(new TimeoutException());
        var open = await CheckAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, open.Status);
        Assert.Contains("storage", open.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("broker", open.Description, StringComparison.Ordinal);
        Assert.Equal("open", open.Data[DependencyCircuits.Storage]);
        Assert.Equal("closed", open.Data[DependencyCircuits.Broker]);

        _clock.Advance(DependencyCircuitOptions.DefaultBreakDuration);
        Assert.Equal(1, await storage.SucceedAsync());

        var closed = await CheckAsync(check);
        Assert.Equal(HealthStatus.Healthy, closed.Status);
        Assert.Equal("closed", closed.Data[DependencyCircuits.Storage]);
    }

    [Fact]
    public async Task Each_circuit_binds_its_own_section_over_the_defaults_of_its_calling_side()
    {
        await using var provider = Services(new Dictionary<string, string?>
        {
            ["Playbound:Resilience:Storage:FailureRatio"] = "0.25",
            ["Playbound:Resilience:Storage:BreakDuration"] = "00:01:00",
        });
        var options = provider.GetRequiredService<IOptionsMonitor<DependencyCircuitOptions>>();

        var storage = options.Get(DependencyCircuits.Storage);
        var other = options.Get("other");

        Assert.Equal((0.25, TimeSpan.FromMinutes(1)), (storage.FailureRatio, storage.BreakDuration));
        Assert.Equal(DependencyCircuitOptions.DefaultMinimumThroughput, storage.MinimumThroughput);
        Assert.True(storage.IsTransient(new TimeoutException()));
        Assert.True(storage.IsExpected(new InconsistentStateException("conflict", null, "1")));
        Assert.Equal(DependencyCircuitOptions.DefaultFailureRatio, other.FailureRatio);
        Assert.False(other.IsTransient(new TimeoutException()));
    }

    [Fact]
    public async Task Invalid_options_fail_when_the_circuit_is_created()
    {
        await using var provider = Services(new Dictionary<string, string?>
        {
            ["Playbound:Resilience:Storage:FailureRatio"] = "0",
            ["Playbound:Resilience:Storage:MinimumThroughput"] = "1",
            ["Playbound:Resilience:Storage:RetryAttempts"] = "-1",
        });

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<DependencyCircuits>().Get(DependencyCircuits.Storage));

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, failure => failure.Contains("Playbound:Resilience:storage:FailureRatio", StringComparison.Ordinal));
    }

    private ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton<TimeProvider>(_clock)
            .AddDependencyCircuit<StorageCircuitSetup>(DependencyCircuits.Storage)
            .BuildServiceProvider();

    private static Task<HealthCheckResult> CheckAsync(DependencyCircuitsHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext());
}
