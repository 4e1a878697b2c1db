using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.TestingHost;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Redis;
using Playbound.Hosting;
using Playbound.Streaming.Sqlite;
using Playbound.TestKit.Servers;
using StackExchange.Redis;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>
/// A 2-silo Orleans test cluster (<see cref="InProcessTestClusterBuilder"/>) configured by the product's own hosting
/// code: <c>AddPlayboundSiloServices</c> on each silo host and <c>AddPlayboundProviders</c> on each silo, over a real
/// SQLite directory (and, for <see cref="StorageKind.Postgres"/>, a real PostgreSQL database for the social stores).
/// Clusters started with the same <see cref="SocialClusterOptions.Database"/> and <see cref="SocialClusterOptions.DataDirectory"/>
/// share their data, which is how tests restart.
/// </summary>
public sealed class SocialCluster : IAsyncDisposable
{
    /// <summary>Silos per cluster: grain calls, streams and state cross silos as in production.</summary>
    public const short SiloCount = 2;

    /// <summary>More entries than any test's feed holds (and the most one store query returns).</summary>
    public const int MaxStoredFeed = 10_000;

    private static int _nextNodeId;
    private static int _nextHandleScope;

    private readonly InProcessTestCluster _cluster;
    private bool _stopped;

    private SocialCluster(InProcessTestCluster cluster, SocialClusterOptions options)
    {
        _cluster = cluster;
        Options = options;
    }

    public SocialClusterOptions Options { get; }

    public InProcessTestCluster Cluster => _cluster;

    /// <summary>The services of the first silo (stores, options, id generator).</summary>
    public IServiceProvider Services => _cluster.Silos[0].SiloHost.Services;

    /// <summary>The cluster client: grain calls go through a gateway to either silo.</summary>
    public IGrainFactory Grains => _cluster.Client;

    public IFeedStore FeedStore => Services.GetRequiredService<IFeedStore>();

    public static async Task<SocialCluster> StartAsync(SocialClusterOptions? options = null, Action<IServiceCollection>? configureServices = null)
    {
        options ??= new SocialClusterOptions();
        var settings = options.Configuration().ToList();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Two silos, so post views are invalidated across them as in a cluster: through Redis, on a channel of this cluster's own.
        var postViewChannel = $"playbound-test:{Guid.NewGuid():N}:post-views";
        var builder = new InProcessTestClusterBuilder(SiloCount);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            if (string.IsNullOrEmpty(host.Configuration["Playbound:NodeId"]))
            {
                // Silos of one cluster must differ in node id, or their ids collide (k8s uses the pod ordinal).
                host.Configuration["Playbound:NodeId"] = (Interlocked.Increment(ref _nextNodeId) % 1024).ToString(CultureInfo.InvariantCulture);
            }

            host.Logging.SetMinimumLevel(LogLevel.Warning);
            if (options.Time is { } time)
            {
                // The grains get the test's clock; Orleans' own areas (membership, timers) keep the system clock.
                host.Services.AddSingleton(time);
                host.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, static (_, _) => TimeProvider.System);
            }

            host.AddPlayboundSiloServices();
            host.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(TestRedis.Configuration));
            host.Services.AddRedisPostViewInvalidation(postViewChannel);
            configureServices?.Invoke(host.Services);
        });
        builder.ConfigureSilo((_, silo) => silo.AddPlayboundProviders(configuration));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new SocialCluster(cluster, options);
    }

    public T Grain<T>(string key) where T : IGrainWithStringKey => Grains.GetGrain<T>(key);

    /// <summary>Handles unique to one test, for tests sharing a cluster (accounts are keyed by handle).</summary>
    public static TestHandles NewHandles() => new($"t{Interlocked.Increment(ref _nextHandleScope).ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The post stream of <paramref name="authorId"/>, as a silo's grains publish to it.</summary>
    public IAsyncStream<PostEvent> PostStream(string authorId) =>
        Services.GetRequiredKeyedService<IStreamProvider>(StreamNamespaces.ProviderName)
            .GetStream<PostEvent>(StreamId.Create(StreamNamespaces.Posts, authorId));

    /// <summary>Registers <paramref name="handle"/> and returns the new user id.</summary>
    public async Task<string> RegisterAsync(string handle, string? displayName = null) =>
        await Grain<IAccountGrain>(handle).Register(displayName ?? handle.ToUpperInvariant(), $"hash-of-{handle}")
        ?? throw new InvalidOperationException($"Handle {handle} is taken.");

    /// <summary>Registers users <c>{prefix}0</c>..<c>{prefix}{count-1}</c>.</summary>
    public async Task<string[]> RegisterManyAsync(string prefix, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => RegisterAsync($"{prefix}{i}")));

    /// <summary>The ids of a user's stored feed entries (up to <see cref="MaxStoredFeed"/>), newest first.</summary>
    public async Task<IReadOnlyList<string>> StoredFeedAsync(string userId) =>
        [.. (await FeedStore.GetEntriesAsync(userId, MaxStoredFeed, null, CancellationToken.None)).Select(static e => e.PostId)];

    /// <summary>
    /// Waits until the event queue is empty: everything published so far was delivered (at least once) and will not
    /// be delivered again, so a test can assert on state no late or repeated event will change.
    /// </summary>
    public async Task UntilEventsDeliveredAsync()
    {
        var options = new SqliteStreamOptions { DatabasePath = Path.Combine(Options.DataDirectory, StorageSettings.EventQueueFile) };
        await using var queue = new SqliteQueueStore(options, NullLogger.Instance);
        await Eventually.TrueAsync(async () => await queue.CountUndeliveredAsync() == 0, "every published event was delivered");
    }

    /// <summary>
    /// Waits until every one of <paramref name="userIds"/>' stored feeds satisfies <paramref name="condition"/>. Fan-out
    /// stores followers in the follow graph's page order (by id), which need not be the order a test holds them in,
    /// so no one follower tells that a fan-out finished.
    /// </summary>
    public Task UntilEveryStoredFeedAsync(IEnumerable<string> userIds, Func<IReadOnlyList<string>, bool> condition, string because, int timeoutSeconds = 30)
    {
        // Users already seen to satisfy it are not read again.
        var pending = new Queue<string>(userIds);
        return Eventually.TrueAsync(
            async () =>
            {
                while (pending.TryPeek(out var userId) && condition(await StoredFeedAsync(userId)))
                {
                    pending.Dequeue();
                }

                return pending.Count == 0;
            },
            because,
            timeoutSeconds);
    }

    /// <summary>Every post id of a user's feed, read page by page through the feed grain.</summary>
    public async Task<List<string>> ReadFeedAsync(string userId, int pageSize = Paging.MaxLimit)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Grain<IFeedGrain>(userId).GetPage(pageSize, cursor);
            ids.AddRange(page.Items.Select(static p => p.PostId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }

    /// <summary>Stops gracefully: the client, then each silo (activations deactivate, pulling agents stop).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _cluster.StopAllSilosAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _cluster.DisposeAsync();
    }
}

/// <summary>Handles made unique to one test by a prefix ending in <c>_</c> (so <c>h["fan"] + "1"</c> stays unique too): <c>h["alice"]</c> is the same handle throughout the test.</summary>
public sealed class TestHandles(string scope)
{
    public string this[string name] => $"{scope}_{name}";
}

/// <summary>What a <see cref="SocialCluster"/> runs on and how feeds are tuned.</summary>
public sealed class SocialClusterOptions
{
    /// <summary><c>Sqlite</c> or <c>Postgres</c>: where the social stores live.</summary>
    public StorageKind Storage { get; init; } = StorageKind.Sqlite;

    /// <summary>The directory of grain state and the event queue (and, for SQLite, the social store).</summary>
    public string DataDirectory { get; init; } = TestDatabases.NewSqliteDirectory();

    /// <summary>The PostgreSQL database of the social stores, for <see cref="StorageKind.Postgres"/>.</summary>
    public string? Database { get; init; }

    public long? CelebrityThreshold { get; init; }

    public int? FanoutPageSize { get; init; }

    public int? FanoutParallelism { get; init; }

    public int? MaxEntries { get; init; }

    /// <summary>More configuration, e.g. <c>Playbound:Feed:CelebrityCacheDuration</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>A clock for the grains; null for the system clock.</summary>
    public TimeProvider? Time { get; init; }

    public IEnumerable<KeyValuePair<string, string?>> Configuration()
    {
        yield return new("Playbound:Storage", Storage.ToString());
        yield return new("Playbound:DataDir", DataDirectory);
        if (Storage == StorageKind.Postgres)
        {
            yield return new("ConnectionStrings:Postgres", TestDatabases.PostgresConnectionString(
                Database ?? throw new InvalidOperationException("A Postgres cluster needs a Database.")));
        }

        foreach (var (key, value) in new (string, object?)[]
        {
            ("CelebrityThreshold", CelebrityThreshold), ("FanoutPageSize", FanoutPageSize),
            ("FanoutParallelism", FanoutParallelism), ("MaxEntries", MaxEntries),
        })
        {
            if (value is not null)
            {
                yield return new($"Playbound:Feed:{key}", Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        foreach (var setting in Settings)
        {
            yield return setting;
        }
    }
}

/// <summary>One 2-silo SQLite cluster shared by the tests of <see cref="SharedClusterCollection"/> (start-up is costly).</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    private SocialCluster? _cluster;

    public SocialCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _cluster = await SocialCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>Tests on the shared cluster: they run one after another and keep apart by unique handles and keys.</summary>
[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<SharedClusterFixture>
{
    public const string Name = "shared social cluster";
}
