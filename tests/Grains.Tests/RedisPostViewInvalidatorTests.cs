using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playbound.Grains.Posts.Views;
using Playbound.TestKit;
using Playbound.TestKit.Servers;

namespace Playbound.Grains.Tests;

/// <summary>Two silos' caches, each with its invalidator, on one Redis channel of the test's own.</summary>
public sealed class RedisPostViewInvalidatorTests : IAsyncLifetime
{
    private readonly string _channel = $"playbound-test:{Guid.NewGuid():N}:post-views";
    private readonly PostViewCache _here = NewCache();
    private readonly PostViewCache _there = NewCache();
    private RedisPostViewInvalidator _hereInvalidator = null!;
    private RedisPostViewInvalidator _thereInvalidator = null!;

    public async Task InitializeAsync()
    {
        var redis = await TestRedis.ConnectionAsync();
        _hereInvalidator = new RedisPostViewInvalidator(redis, _here, _channel, NullLogger<RedisPostViewInvalidator>.Instance);
        _thereInvalidator = new RedisPostViewInvalidator(redis, _there, _channel, NullLogger<RedisPostViewInvalidator>.Instance);
        await _hereInvalidator.StartAsync(default);
        await _thereInvalidator.StartAsync(default);
        await _hereInvalidator.ExecuteTask!;
        await _thereInvalidator.ExecuteTask!;
    }

    public async Task DisposeAsync()
    {
        await _hereInvalidator.StopAsync(default);
        await _thereInvalidator.StopAsync(default);
    }

    [Fact]
    public async Task A_change_on_one_silo_removes_the_view_on_every_silo()
    {
        foreach (var cache in new[] { _here, _there })
        {
            cache.Set(View("1"), cache.Generation);
            cache.Set(View("2"), cache.Generation);
        }

        await _hereInvalidator.InvalidateAsync("1");

        Assert.False(_here.TryGet("1", out _));
        await Eventually.TrueAsync(() => !_there.TryGet("1", out _), "the other silo heard of the change");
        Assert.True(_here.TryGet("2", out _));
        Assert.True(_there.TryGet("2", out _));
    }

    private static PostViewCache NewCache() => new(Options.Create(new PostViewCacheOptions()), TimeProvider.System);

    private static PostView View(string id) => new(id, "7", "author", "text", null, DateTimeOffset.UnixEpoch, 0, 0, false, []);
}
