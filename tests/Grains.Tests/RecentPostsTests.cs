using Playbound.Grains.Posts;

namespace Playbound.Grains.Tests;

public sealed class RecentPostsTests
{
    [Fact]
    public void A_complete_cache_answers_every_request_from_memory()
    {
        var recent = new RecentPosts([30, 20, 10], complete: true, capacity: 5);

        Assert.Equal(["30", "20"], recent.TryTake(2, null));
        Assert.Equal(["10"], recent.TryTake(5, 20));
        Assert.Equal([], recent.TryTake(5, 10));
    }

    [Fact]
    public void An_incomplete_cache_answers_only_what_it_holds_and_defers_the_rest_to_the_store()
    {
        var recent = new RecentPosts([30, 20, 10], complete: false, capacity: 3);

        Assert.Equal(["20", "10"], recent.TryTake(2, 30));
        Assert.Null(recent.TryTake(3, 30));
        Assert.Null(recent.TryTake(1, 5));
    }

    [Fact]
    public void New_posts_push_out_the_oldest_and_deleted_ones_are_forgotten()
    {
        var recent = new RecentPosts([20, 10], complete: true, capacity: 2);

        recent.Add(30);
        recent.Remove(20);

        Assert.Equal(["30"], recent.TryTake(1, null));
        Assert.Null(recent.TryTake(2, null));
    }
}
