using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Redis;
using Playbound.TestKit.Servers;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Playbound.Grains.Tests.Stores;

/// <summary>
/// The conformance suite with cluster mode's feed store, Redis sorted sets, over SQLite for the rest (the feed store
/// reads posts and follows only through the other stores' interfaces). Each test has keys of its own.
/// </summary>
public sealed class RedisFeedSocialStoreTests(ITestOutputHelper output) : SqliteSocialStoreTests(output)
{
    private const int MaxEntries = 50;

    private readonly string _prefix = "playbound-test-" + Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer _redis = null!;

    public override async Task InitializeAsync()
    {
        _redis = await TestRedis.ConnectionAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await TestRedis.DeleteKeysAsync(_prefix + ":");
        await base.DisposeAsync();
    }

    protected override void AddStores(IServiceCollection services)
    {
        base.AddStores(services);
        services.AddSingleton<IConnectionMultiplexer>(_redis);
        services.Configure<Feeds.FeedOptions>(o => o.MaxEntries = MaxEntries);
        services.AddRedisFeedStore(_prefix);
    }

    [Fact]
    public void The_feed_store_is_the_redis_one()
    {
        Assert.IsType<RedisFeedStore>(Db.Feeds);
    }

    [Fact]
    public async Task A_feed_lost_with_redis_is_rebuilt_from_follows_and_posts_when_opened()
    {
        var (reader, followed, stranger) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await FollowAsync(reader, followed);
        var posts = new[] { await NewPostAsync(followed), await NewPostAsync(reader), await NewPostAsync(followed) };
        await NewPostAsync(stranger);
        Assert.True(await Db.Feeds.EnsureBuiltAsync(reader, default));
        Assert.False(await Db.Feeds.EnsureBuiltAsync(reader, default));
        var built = await Db.Feeds.GetEntriesAsync(reader, 10, null, default);

        await TestRedis.DeleteKeysAsync(_prefix + ":");
        Assert.Empty(await Db.Feeds.GetEntriesAsync(reader, 10, null, default));
        var later = await NewPostAsync(followed);
        await Db.Feeds.AddToFeedsAsync(later, followed, [reader], default);
        Assert.True(await Db.Feeds.EnsureBuiltAsync(reader, default));

        Assert.Equal([posts[2], posts[1], posts[0]], built.Select(e => e.PostId));
        Assert.Equal(
            [new FeedEntry(later, followed), new FeedEntry(posts[2], followed), new FeedEntry(posts[1], reader), new FeedEntry(posts[0], followed)],
            await Db.Feeds.GetEntriesAsync(reader, 10, null, default));
    }

    [Fact]
    public async Task Fan_out_keeps_each_feed_at_max_entries_dropping_the_oldest()
    {
        var (author, reader) = (await NewUserAsync(), await NewUserAsync());
        var posts = new List<string>();
        for (var i = 0; i < MaxEntries + 5; i++)
        {
            posts.Add(await NewPostAsync(author));
            await Db.Feeds.AddToFeedsAsync(posts[^1], author, [reader], default);
        }

        var entries = await Db.Feeds.GetEntriesAsync(reader, 100, null, default);
        Assert.Equal(Enumerable.Reverse(posts).Take(MaxEntries), entries.Select(e => e.PostId));
    }
}
