using Microsoft.Extensions.Options;
using Playbound.Grains.Posts.Views;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

public sealed class PostViewCacheTests
{
    private readonly ShiftedClock _clock = new();

    [Fact]
    public void A_view_is_served_until_its_post_changes_and_never_as_liked()
    {
        var cache = NewCache();
        cache.Set(View("1", likes: 2) with { LikedByMe = true }, cache.Generation);

        Assert.True(cache.TryGet("1", out var cached));
        Assert.Equal(View("1", likes: 2), cached);
        Assert.False(cache.TryGet("2", out _));

        cache.Invalidate("1");
        Assert.False(cache.TryGet("1", out _));
    }

    [Fact]
    public void A_read_that_started_before_an_invalidation_cannot_put_the_old_view_back()
    {
        var cache = NewCache();
        var slowRead = cache.Generation;
        cache.Invalidate("1");
        cache.Set(View("1", likes: 0), slowRead);
        Assert.False(cache.TryGet("1", out _));

        cache.Set(View("1", likes: 1), cache.Generation);
        Assert.True(cache.TryGet("1", out var fresh));
        Assert.Equal(1, fresh.Likes);
    }

    [Fact]
    public void A_newer_view_is_not_replaced_by_an_older_read()
    {
        var cache = NewCache();
        var older = cache.Generation;
        cache.Invalidate("1");
        cache.Set(View("1", likes: 5), cache.Generation);

        cache.Set(View("1", likes: 4), older);

        Assert.True(cache.TryGet("1", out var view));
        Assert.Equal(5, view.Likes);
    }

    [Fact]
    public void Clearing_forgets_every_view_and_refuses_reads_that_started_before()
    {
        var cache = NewCache();
        var before = cache.Generation;
        cache.Set(View("1", likes: 0), before);

        cache.Clear();
        cache.Set(View("2", likes: 0), before);

        Assert.False(cache.TryGet("1", out _));
        Assert.False(cache.TryGet("2", out _));
        cache.Set(View("2", likes: 0), cache.Generation);
        Assert.True(cache.TryGet("2", out _));
    }

    [Fact]
    public void A_view_expires_after_its_time_to_live()
    {
        var cache = NewCache(timeToLive: TimeSpan.FromSeconds(30));
        cache.Set(View("1", likes: 0), cache.Generation);

        _clock.Offset = TimeSpan.FromSeconds(29);
        Assert.True(cache.TryGet("1", out _));
        _clock.Offset = TimeSpan.FromSeconds(31);
        Assert.False(cache.TryGet("1", out _));
    }

    [Fact]
    public void Passing_max_entries_empties_the_cache()
    {
        var cache = NewCache(maxEntries: 3);
        foreach (var id in new[] { "1", "2", "3" })
        {
            cache.Set(View(id, likes: 0), cache.Generation);
        }

        Assert.True(cache.TryGet("3", out _));
        cache.Set(View("4", likes: 0), cache.Generation);

        Assert.False(cache.TryGet("1", out _));
        Assert.False(cache.TryGet("3", out _));
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(10, 0)]
    public void Options_that_would_cache_nothing_are_refused(int maxEntries, int seconds)
    {
        var result = new PostViewCacheOptionsValidator().Validate(null, new PostViewCacheOptions { MaxEntries = maxEntries, TimeToLive = TimeSpan.FromSeconds(seconds) });
        Assert.True(result.Failed);
    }

    private PostViewCache NewCache(int maxEntries = 100, TimeSpan? timeToLive = null) =>
        new(Options.Create(new PostViewCacheOptions { MaxEntries = maxEntries, TimeToLive = timeToLive ?? TimeSpan.FromMinutes(1) }), _clock);

    private static PostView View(string id, long likes) => new(id, "7", "author", "text", null, DateTimeOffset.UnixEpoch, likes, 0, false, []);
}
