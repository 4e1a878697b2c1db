using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

public sealed class FanoutRecoveryTests
{
    [Fact]
    public async Task A_redelivered_publish_event_leaves_each_feed_with_the_post_once()
    {
        await using var host = await SocialCluster.StartAsync(new SocialClusterOptions { FanoutPageSize = 7 });
        var author = await host.RegisterAsync("author");
        var followers = await GraphSetup.AddFollowersAsync(host, author, 30);
        var post = await host.Grain<IUserPostsGrain>(author).Publish("once", null);
        await host.UntilEveryStoredFeedAsync(followers, static feed => feed.Count == 1, "the fan-out finished");

        // Streams deliver at least once: hand the worker the same event again, as after a crash before its acknowledgement.
        await host.PostStream(author).OnNextAsync(new PostPublished(post.PostId, author, post.CreatedAt, post.Tags));
        var marker = await host.Grain<IUserPostsGrain>(author).Publish("marker", null);
        await host.UntilEveryStoredFeedAsync(followers, static feed => feed.Count == 2, "the events after the replay were delivered");

        foreach (var reader in followers.Append(author))
        {
            Assert.Equal([marker.PostId, post.PostId], await host.StoredFeedAsync(reader));
        }

        Assert.Equal([marker.PostId, post.PostId], await host.ReadFeedAsync(followers[0]));
        Assert.Equal(2, (await host.Grain<IUserPostsGrain>(author).GetPosts(10, null, null)).Items.Count);
    }

    [Fact]
    public async Task A_delete_event_whose_post_was_never_tombstoned_finishes_the_delete_through_the_post()
    {
        await using var host = await SocialCluster.StartAsync(new SocialClusterOptions { FanoutPageSize = 7 });
        var author = await host.RegisterAsync("author");
        var followers = await GraphSetup.AddFollowersAsync(host, author, 10);
        var post = await host.Grain<IUserPostsGrain>(author).Publish("going #soon", null);
        await host.UntilEveryStoredFeedAsync(followers, static feed => feed.Count == 1, "the fan-out finished");

        // What a process killed after the post grain published PostDeleted, before it stored its tombstone, leaves
        // behind: the event alone. Its replay must not leave a post that no index or feed lists any more but that
        // still reads back, since an account deletion finds a user's posts through that index.
        await host.PostStream(author).OnNextAsync(new PostDeleted(post.PostId, author));

        await Eventually.TrueAsync(async () => await host.Grain<IPostGrain>(post.PostId).Get(null) is null, "the post is gone", 30);
        await host.UntilEveryStoredFeedAsync(followers.Append(author), static feed => feed.Count == 0, "the feeds dropped the post");
        Assert.Empty((await host.Grain<IUserPostsGrain>(author).GetPosts(10, null, null)).Items);
        Assert.Equal(PostOutcome.NotFound, await host.Grain<IPostGrain>(post.PostId).Delete(author));
    }

    [Fact]
    public async Task After_a_kill_in_the_middle_of_a_fan_out_the_restarted_silo_completes_every_feed_exactly_once()
    {
        const int followerCount = 400;
        var options = new SocialClusterOptions();
        string author;
        string[] followers;
        await using (var setup = await SocialCluster.StartAsync(options))
        {
            author = await setup.RegisterAsync("author");
            followers = await GraphSetup.AddFollowersAsync(setup, author, followerCount);
        }

        var (postId, pagesStored) = await PublishAndKillAsync(options.DataDirectory, author, killAfterPages: 4);
        Assert.True(pagesStored < followerCount / CrashHost.PageSize, "the kill must come before the fan-out finished");

        await using var host = await SocialCluster.StartAsync(options);
        await host.UntilEveryStoredFeedAsync(followers, static feed => feed.Count > 0, "the redelivered fan-out reached every follower", 90);
        foreach (var reader in followers.Append(author))
        {
            Assert.Equal([postId], await host.StoredFeedAsync(reader));
        }

        Assert.Equal([postId], (await host.Grain<IUserPostsGrain>(author).GetPosts(10, null, null)).Items.Select(static p => p.PostId));
    }

    private static async Task<(string PostId, int PagesStored)> PublishAndKillAsync(string directory, string author, int killAfterPages)
    {
        var lines = await CrashProcess.RunAndKillAsync(
            ["crash-host", directory, author],
            lines => lines.Count(static l => l == "stored-page") == killAfterPages && lines.Any(static l => l.StartsWith("published ", StringComparison.Ordinal)));
        var postId = lines.First(static l => l.StartsWith("published ", StringComparison.Ordinal))["published ".Length..];
        return (postId, lines.Count(static l => l == "stored-page"));
    }
}
