using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Hosting;
using Playbound.Runtime.Streams;

namespace Playbound.Runtime.Tests.Infrastructure;

/// <summary>A silo in a real generic host, with this test assembly's grains, a manual clock and a chosen storage.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private TestSilo(IHost host, ManualTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public Probe Probe => Services.GetRequiredService<Probe>();

    internal Catalog Catalog => Services.GetRequiredService<Catalog>();

    internal ActivationCollector Collector => Services.GetRequiredService<ActivationCollector>();

    public static async Task<TestSilo> StartAsync(Action<TestSiloOptions>? configure = null)
    {
        var options = new TestSiloOptions();
        configure?.Invoke(options);
        var time = new ManualTimeProvider();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(options.Probe ?? new Probe());
        builder.Services.Configure<MessagingOptions>(m =>
        {
            m.SerializeLocalCalls = options.SerializeLocalCalls;
            m.ResponseTimeout = options.ResponseTimeout;
        });
        builder.Services.Configure<GrainCollectionOptions>(c => c.CollectionAge = options.CollectionAge);
        builder.Services.Configure<StreamOptions>(s => s.PollInterval = TimeSpan.FromMilliseconds(100));
        builder.Services.AddPlayboundSilo(silo =>
        {
            silo.AddGrains(typeof(TestSilo).Assembly);
            options.ConfigureSilo?.Invoke(silo);
        });
        TestStorage.Add(builder.Services, options.Storage, options.Database);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host, time);
    }

    /// <summary>Stops gracefully: activations deactivate and flush.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

public sealed class TestSiloOptions
{
    public StorageKind Storage { get; set; } = StorageKind.Memory;

    /// <summary>Names the SQLite directory or PostgreSQL schema; silos given the same name share their state.</summary>
    public string Database { get; set; } = TestDatabases.NewName();

    public bool SerializeLocalCalls { get; set; }

    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Shares one probe between silos (e.g. across a restart).</summary>
    public Probe? Probe { get; set; }

    public Action<SiloBuilder>? ConfigureSilo { get; set; }
}
