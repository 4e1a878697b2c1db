using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Persistence;
using Orleans.Runtime;
using Orleans.Storage;
using Playbound.TestKit;
using Playbound.TestKit.Persistence;
using StackExchange.Redis;

namespace Playbound.Silo.Tests;

/// <summary>
/// Orleans' Redis grain storage (cluster mode's default storage) held to the contract our SQLite storage keeps. Each
/// <see cref="CreateStorageAsync"/> is a new storage instance, initialized through its silo-lifecycle participation as
/// a starting silo would, over the services of a silo configured like the product's (not started: no ports).
/// </summary>
public sealed class RedisGrainStorageConformanceTests : GrainStorageConformance, IAsyncLifetime
{
    private const string ProviderName = "conformance";

    private readonly string _serviceId = "playbound-conformance-" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<RedisGrainStorage> _storages = [];
    private IHost? _silo;

    public Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(LoopbackPorts.Next(), LoopbackPorts.Next(), serviceId: _serviceId, clusterId: _serviceId)
            .AddRedisGrainStorage(ProviderName, o => o.ConfigurationOptions = ConfigurationOptions.Parse(TestRedis.ConnectionString)));
        _silo = builder.Build();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }

        _silo?.Dispose();
        await Playbound.TestKit.Servers.TestRedis.DeleteKeysAsync(_serviceId + "/");
    }

    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        var storage = RedisGrainStorageFactory.Create(_silo!.Services, ProviderName);
        _storages.Add(storage);
        var lifecycle = new StartingLifecycle();
        storage.Participate(lifecycle);
        await lifecycle.StartAsync();
        return storage;
    }

    /// <summary>Runs the start of every observer subscribed to it, stage by stage, as a silo's lifecycle does.</summary>
    private sealed class StartingLifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage { get; private set; } = int.MaxValue;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add((stage, observer));
            return new NoUnsubscribe();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in _observers.OrderBy(static o => o.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }

        private sealed class NoUnsubscribe : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
