using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Grains.Stores;
using Playbound.Hosting;
using Playbound.Runtime;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>
/// A Playbound silo as the Api and Silo host it (<c>AddPlayboundSilo</c> from configuration), over a real SQLite
/// directory or a real PostgreSQL database. Hosts started with the same <see cref="SocialHostOptions.Database"/> share
/// their data, which is how tests restart.
/// </summary>
public sealed class SocialHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private SocialHost(IHost host, SocialHostOptions options)
    {
        _host = host;
        Options = options;
    }

    /// <summary>More entries than any test's feed holds (and the most one store query returns).</summary>
    public const int MaxStoredFeed = 10_000;

    public SocialHostOptions Options { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IFeedStore FeedStore => Services.GetRequiredService<IFeedStore>();

    public static async Task<SocialHost> StartAsync(SocialHostOptions? options = null, Action<IServiceCollection>? configureServices = null)
    {
        options ??= new SocialHostOptions();
        var host = Build(options, configureServices);
        await host.StartAsync();
        return new SocialHost(host, options);
    }

    /// <summary>Builds (does not start) a host; the crash host uses this to decorate services first.</summary>
    public static IHost Build(SocialHostOptions options, Action<IServiceCollection>? configureServices = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(options.Configuration());
        if (options.Time is not null)
        {
            builder.Services.AddSingleton(options.Time);
        }

        builder.AddPlayboundSilo();
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    public T Grain<T>(string key) where T : IGrainWithStringKey => Grains.GetGrain<T>(key);

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

    /// <summary>Stops gracefully: activations deactivate, the relay stops.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

/// <summary>What a <see cref="SocialHost"/> runs on and how feeds are tuned.</summary>
public sealed class SocialHostOptions
{
    /// <summary><c>Sqlite</c> or <c>Postgres</c>.</summary>
    public StorageKind Storage { get; init; } = StorageKind.Sqlite;

    /// <summary>The SQLite directory or PostgreSQL database; hosts given the same one share their data.</summary>
    public string Database { get; init; } = TestDatabases.NewSqliteDirectory();

    public long? CelebrityThreshold { get; init; }

    public int? FanoutPageSize { get; init; }

    public int? FanoutParallelism { get; init; }

    public int? MaxEntries { get; init; }

    /// <summary>More configuration, e.g. <c>Playbound:Feed:CelebrityCacheDuration</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>A clock for the grains (and the runtime); null for the system clock.</summary>
    public TimeProvider? Time { get; init; }

    public IEnumerable<KeyValuePair<string, string?>> Configuration()
    {
        yield return new("Playbound:Storage", Storage.ToString());
        yield return new("Playbound:Runtime:Streams:PollInterval", "00:00:00.100");
        yield return new("Playbound:Runtime:Streams:RetryBaseDelay", "00:00:00.100");
        if (Storage == StorageKind.Sqlite)
        {
            yield return new("Playbound:DataDir", Database);
        }
        else
        {
            yield return new("ConnectionStrings:Postgres", TestDatabases.PostgresConnectionString(Database));
        }

        foreach (var (key, value) in new (string, object?)[]
        {
            ("CelebrityThreshold", CelebrityThreshold), ("FanoutPageSize", FanoutPageSize),
            ("FanoutParallelism", FanoutParallelism), ("MaxEntries", MaxEntries),
        })
        {
            if (value is not null)
            {
                yield return new($"Playbound:Feed:{key}", value.ToString());
            }
        }

        foreach (var setting in Settings)
        {
            yield return setting;
        }
    }
}
