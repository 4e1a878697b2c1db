using System.Globalization;
using Playbound.Cluster.Tests.Infrastructure;
using Playbound.TestKit;
using Playbound.TestKit.ApiContract;

namespace Playbound.Cluster.Tests;

/// <summary>Home feeds live in Redis sorted sets in cluster mode; PostgreSQL holds the follows and posts they come from.</summary>
[Collection(ApiCollection.Name)]
public sealed class RedisFeedTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_feed_lost_with_redis_is_rebuilt_from_follows_and_posts_on_the_next_read()
    {
        var (author, reader) = (await fixture.NewClient().RegisterAsync(), await fixture.NewClient().RegisterAsync());
        await reader.FollowAsync(author);
        var posts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add((await author.CreatePostAsync($"post {i}")).GetProperty("postId").GetString()!);
        }

        var own = (await reader.CreatePostAsync("the reader's own")).GetProperty("postId").GetString()!;
        string[] expected = [own, posts[2], posts[1], posts[0]];
        var readerId = long.Parse(reader.UserId, CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(
            async () => (await fixture.Cluster.StoredFeedAsync(readerId)).Count == expected.Length, "fan-out stored the four posts in Redis");

        await fixture.Cluster.LoseFeedAsync(readerId);
        Assert.Empty(await fixture.Cluster.StoredFeedAsync(readerId));
        var feed = await reader.GetJsonAsync("/api/v1/feed?limit=10");

        Assert.Equal(expected, Expect.Ids(feed, "postId"));
        Assert.Equal(expected.Select(id => long.Parse(id, CultureInfo.InvariantCulture)), await fixture.Cluster.StoredFeedAsync(readerId));
    }
}
