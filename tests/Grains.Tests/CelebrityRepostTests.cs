using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

/// <summary>A celebrity's reposts (<c>Playbound:Feed:CelebrityThreshold</c> = 3) are merged at read time, like their posts.</summary>
public sealed class CelebrityRepostTests
{
    [Fact]
    public async Task A_celebritys_repost_is_not_stored_but_merged_into_each_followers_feed_at_its_time()
    {
        await using var host = await SocialCluster.StartAsync(new SocialClusterOptions { CelebrityThreshold = 3 });
        var (celebrity, author) = (await host.RegisterAsync("celebrity"), await host.RegisterAsync("author"));
        var fans = await host.RegisterManyAsync("fan", 3);
        foreach (var fan in fans)
        {
            await host.Grain<IUserGrain>(fan).Follow(celebrity);
        }

        await host.Grain<IUserGrain>(fans[0]).Follow(author);
        var post = (await host.Grain<IUserPostsGrain>(author).Publish("noticed by a celebrity", null)).PostId;
        var own = (await host.Grain<IUserPostsGrain>(celebrity).Publish("celebrity's own", null)).PostId;
        await host.UntilEventsDeliveredAsync();
        await host.Grain<IPostGrain>(post).Repost(celebrity);
        await host.UntilEventsDeliveredAsync();

        Assert.DoesNotContain(post, await host.StoredFeedAsync(fans[1]));
        var feed = (await host.Grain<IFeedGrain>(fans[1]).GetPage(10, null)).Items;
        Assert.Equal([post, own], feed.Select(static p => p.PostId));
        Assert.Equal(celebrity, feed[0].RepostedBy!.UserId);

        // The fan who follows the author has the post from the author, once, without the repost.
        var fromAuthor = (await host.Grain<IFeedGrain>(fans[0]).GetPage(10, null)).Items;
        Assert.Equal([own, post], fromAuthor.Select(static p => p.PostId));
        Assert.Null(fromAuthor[1].RepostedBy);
    }
}
