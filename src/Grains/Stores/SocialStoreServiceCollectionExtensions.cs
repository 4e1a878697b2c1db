using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playbound.Grains.Search;
using Playbound.Grains.Stores.Postgres;
using Playbound.Grains.Stores.Sql;
using Playbound.Grains.Stores.Sqlite;
using Playbound.Grains.Stores.Resilience;

namespace Playbound.Grains.Stores;

/// <summary>
/// Registers the social stores (<see cref="IUserDirectory"/>, <see cref="IFollowGraph"/>, <see cref="IPostIndex"/>,
/// <see cref="IFeedStore"/>, <see cref="IEngagementStore"/>, <see cref="INotificationStore"/>, <see cref="ISearchIndex"/>, <see cref="IRelationStore"/>) as singletons over one
/// database (embedded: two SQLite files, the home feeds' apart), which the container disposes (closing its
/// connections) when it is disposed itself. The database is
/// reached through the <see cref="DependencyCircuits.Storage"/> circuit, shared with the grain storage.
/// </summary>
public static class SocialStoreServiceCollectionExtensions
{
    /// <summary>Adds the stores over the embedded SQLite files <c>{DataDirectory}/social.db</c> and <c>feeds.db</c>.</summary>
    public static IServiceCollection AddSqliteSocialStores(this IServiceCollection services, Action<SqliteSocialStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteSocialStoreOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.DataDirectory), "DataDirectory must be set.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.FileName), "FileName must be set.")
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.FeedFileName)
                    && !string.Equals(options.FeedFileName, options.FileName, StringComparison.OrdinalIgnoreCase),
                "FeedFileName must be set, and differ from FileName.")
            .Validate(options => options.BusyTimeout >= TimeSpan.Zero, "BusyTimeout must not be negative.")
            .Validate(options => options.CheckpointPages > 0, "CheckpointPages must be positive.")
            .Validate(options => options.CheckpointInterval > TimeSpan.Zero, "CheckpointInterval must be positive.")
            .Validate(options => options.FeedHeadEntries is >= 0 and <= SocialValues.MaxLimit, $"FeedHeadEntries must be 0 to {SocialValues.MaxLimit}.")
            .Validate(options => options.FeedHeadFeeds > 0, "FeedHeadFeeds must be positive.");
        services.AddSingleton(provider => new SqliteSocialDatabase(
            provider.GetRequiredService<IOptions<SqliteSocialStoreOptions>>().Value, StorageCircuit(provider)));
        services.AddSingleton(provider => new SqliteFeedDatabase(
            provider.GetRequiredService<IOptions<SqliteSocialStoreOptions>>().Value, provider.GetRequiredService<SqliteSocialDatabase>(), StorageCircuit(provider)));
        services.AddSingleton<SqliteDatabase>(provider => provider.GetRequiredService<SqliteSocialDatabase>());
        services.AddSingleton<SqliteDatabase>(provider => provider.GetRequiredService<SqliteFeedDatabase>());
        services.AddHostedService<SqliteCheckpointService>();
        return AddStores<SqliteSocialDatabase>(services, provider =>
        {
            var options = provider.GetRequiredService<IOptions<SqliteSocialStoreOptions>>().Value;
            var database = provider.GetRequiredService<SqliteFeedDatabase>();
            var feeds = new SqlFeedStore(database);
            return options.FeedHeadEntries == 0
                ? feeds
                : new FeedHeadCache(feeds, FeedHeads.Acquire(database.FilePath, options.FeedHeadEntries, options.FeedHeadFeeds));
        });
    }

    /// <summary>Adds the stores over tables in a PostgreSQL schema (created when missing).</summary>
    public static IServiceCollection AddPostgresSocialStores(this IServiceCollection services, Action<PostgresSocialStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PostgresSocialStoreOptions>()
            .Configure(configure)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString), "ConnectionString must be set.")
            .Validate(
                options => PostgresDataSources.IsValidSchemaName(options.Schema),
                "Schema must be a plain identifier of at most 63 characters.");
        services.AddSingleton(provider => new PostgresSocialDatabase(
            provider.GetRequiredService<IOptions<PostgresSocialStoreOptions>>().Value, StorageCircuit(provider)));
        return AddStores<PostgresSocialDatabase>(services, provider => new SqlFeedStore(provider.GetRequiredService<PostgresSocialDatabase>()));
    }

    private static DependencyCircuit StorageCircuit(IServiceProvider provider) =>
        provider.GetRequiredService<DependencyCircuits>().Get(DependencyCircuits.Storage);

    private static IServiceCollection AddStores<TDatabase>(IServiceCollection services, Func<IServiceProvider, IFeedStore> feedStore)
        where TDatabase : SocialDatabase
    {
        services.AddDependencyCircuit<StorageCircuitSetup>(DependencyCircuits.Storage);
        services.AddSingleton<SocialDatabase>(provider => provider.GetRequiredService<TDatabase>());
        services.AddSingleton<IUserDirectory>(provider => new SqlUserDirectory(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton<IFollowGraph>(provider => new SqlFollowGraph(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton<IPostIndex>(provider => new SqlPostIndex(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton(feedStore);
        services.AddSingleton<IEngagementStore>(provider => new SqlEngagementStore(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton<INotificationStore>(provider => new SqlNotificationStore(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton<ISearchIndex>(provider => new SqlSearchIndex(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton<IRelationStore>(provider => new SqlRelationStore(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton<IRepostStore>(provider => new SqlRepostStore(provider.GetRequiredService<TDatabase>()));
        services.AddSingleton<IAccountRows>(provider => new SqlAccountRows(provider.GetRequiredService<TDatabase>()));
        services.AddHostedService<SearchBackfillService>();
        return services;
    }
}
