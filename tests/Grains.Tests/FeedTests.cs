using Playbound.Grains.Tests.Infrastructure;
using Playbound.Hosting;

namespace Playbound.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class FeedTests(SharedClusterFixture fixture)
{
    private readonly SocialCluster _shared = fixture.Cluster;
    private readonly TestHandles _h = SocialCluster.NewHandles();

    [Fact]
    public async Task A_published_post_appears_in_the_authors_posts_and_feed_and_in_every_followers_feed()
    {
        var host = _shared;
        var author = await host.RegisterAsync(_h["author"]);
        var followers = await host.RegisterManyAsync(_h["reader"], 3);
        var stranger = await host.RegisterAsync(_h["stranger"]);
        foreach (var follower in followers)
        {
            await host.Grain<IUserGrain>(follower).Follow(author);
        }

        var post = await host.Grain<IUserPostsGrain>(author).Publish("hello world", null);

        Assert.Equal(("hello world", author, _h["author"], 0L, 0L, false), (post.Text, post.AuthorId, post.AuthorHandle, post.Likes, post.Comments, post.LikedByMe));
        var own = await host.Grain<IUserPostsGrain>(author).GetPosts(10, null, author);
        Assert.Equal([post], own.Items);
        Assert.Equal(1, (await host.Grain<IUserGrain>(author).GetProfile())!.Posts);
        foreach (var reader in followers.Append(author))
        {
            await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(reader)).SequenceEqual([post.PostId]), $"{reader}'s feed has the post");
        }

        Assert.Empty(await host.ReadFeedAsync(stranger));
        Assert.Equal([post], (await host.Grain<IFeedGrain>(followers[0]).GetPage(10, null)).Items);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_post_by_an_author_with_5000_followers_reaches_all_5000_feeds(StorageKind storage)
    {
        const int followerCount = 5000;
        // SQLite runs on the shared cluster; PostgreSQL gets a cluster of its own over a fresh database.
        await using var database = await TestDatabase.CreateAsync(storage);
        await using var own = storage == StorageKind.Postgres ? await SocialCluster.StartAsync(database.ClusterOptions()) : null;
        var host = own ?? _shared;
        var author = await host.RegisterAsync(_h["author"]);
        var followers = await GraphSetup.AddFollowersAsync(host, author, followerCount);

        // A few feeds are active before the post arrives, so fan-out must update them in memory too.
        var sample = followers.Where((_, i) => i % 500 == 0).ToArray();
        foreach (var reader in sample)
        {
            Assert.Empty((await host.Grain<IFeedGrain>(reader).GetPage(10, null)).Items);
        }

        var post = await host.Grain<IUserPostsGrain>(author).Publish("to everyone", null);

        await host.UntilEveryStoredFeedAsync(followers, feed => feed.Contains(post.PostId), "every follower's feed has the post", 120);
        foreach (var follower in followers)
        {
            Assert.Equal([post.PostId], await host.StoredFeedAsync(follower));
        }

        // An active feed hears of the post just after its page is stored, so the in-memory view may lag the table briefly.
        foreach (var reader in sample.Append(followers[1234]))
        {
            await Eventually.TrueAsync(
                async () => (await host.Grain<IFeedGrain>(reader).GetPage(10, null)).Items.Select(static p => p.PostId).SequenceEqual([post.PostId]),
                $"{reader}'s feed grain shows the post");
        }
    }

    [Fact]
    public async Task Following_backfills_recent_posts_and_unfollowing_removes_them()
    {
        var host = _shared;
        var (author, other, reader) = (await host.RegisterAsync(_h["author"]), await host.RegisterAsync(_h["other"]), await host.RegisterAsync(_h["reader"]));
        var posts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add((await host.Grain<IUserPostsGrain>(author).Publish($"post {i}", null)).PostId);
        }

        var others = (await host.Grain<IUserPostsGrain>(other).Publish("other post", null)).PostId;
        await host.Grain<IUserGrain>(reader).Follow(other);
        await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(reader)).SequenceEqual([others]), "the reader sees the other author's post");

        await host.Grain<IUserGrain>(reader).Follow(author);
        await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(reader)).Count == 4, "the follow backfilled the author's posts");
        Assert.Equal([.. posts.Append(others).OrderByDescending(static id => long.Parse(id))], await host.ReadFeedAsync(reader));

        await host.Grain<IUserGrain>(reader).Unfollow(author);
        await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(reader)).SequenceEqual([others]), "the unfollow removed the author's posts");
    }

    [Fact]
    public async Task A_deleted_post_vanishes_from_every_feed_and_list_and_only_its_author_may_delete_it()
    {
        var host = _shared;
        var (author, reader) = (await host.RegisterAsync(_h["author"]), await host.RegisterAsync(_h["reader"]));
        await host.Grain<IUserGrain>(reader).Follow(author);
        var kept = await host.Grain<IUserPostsGrain>(author).Publish("kept", null);
        var doomed = await host.Grain<IUserPostsGrain>(author).Publish("doomed", null);
        await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(reader)).Count == 2, "the reader's feed has both posts");

        // The follow's backfill can fill the reader's feed before either post's fan-out ran; the fan-outs are let
        // finish, so what follows asserts what the delete removes, not how far the fan-out got.
        await host.UntilEventsDeliveredAsync();
        var post = host.Grain<IPostGrain>(doomed.PostId);

        Assert.Equal(PostOutcome.Forbidden, await post.Delete(reader));
        Assert.NotNull(await post.Get(reader));
        Assert.Equal(PostOutcome.Done, await post.Delete(author));

        Assert.Null(await post.Get(author));
        Assert.Null(await post.GetCounts());
        Assert.Null(await post.GetComments(10, null));
        Assert.Null(await post.AddComment(reader, "too late"));
        Assert.Equal(PostOutcome.NotFound, await post.Like(reader));
        Assert.Equal(PostOutcome.NotFound, await post.Delete(author));
        // The stored feed before the read one, so a failure tells whether the table or the hydration lost a post.
        Assert.Equal([kept.PostId], await host.StoredFeedAsync(reader));
        Assert.Equal([kept.PostId], await host.ReadFeedAsync(reader));
        Assert.Equal([kept.PostId], await host.ReadFeedAsync(author));
        Assert.Equal([kept.PostId], (await host.Grain<IUserPostsGrain>(author).GetPosts(10, null, null)).Items.Select(static p => p.PostId));
        Assert.Equal(1, (await host.Grain<IUserGrain>(author).GetProfile())!.Posts);
    }

    [Fact]
    public async Task Feed_views_show_current_counts_and_whether_each_reader_likes_the_post()
    {
        var host = _shared;
        var (author, fan, other) = (await host.RegisterAsync(_h["author"]), await host.RegisterAsync(_h["fan"]), await host.RegisterAsync(_h["other"]));
        await host.Grain<IUserGrain>(fan).Follow(author);
        await host.Grain<IUserGrain>(other).Follow(author);
        var (liked, commented) = (await host.Grain<IUserPostsGrain>(author).Publish("like me", null), await host.Grain<IUserPostsGrain>(author).Publish("comment me", null));
        await Eventually.TrueAsync(async () => (await host.ReadFeedAsync(fan)).Count == 2 && (await host.ReadFeedAsync(other)).Count == 2, "both feeds have both posts");

        // The reads above cached both views on the silos; each change shows on the next read of the silo that holds
        // the post, and on the other silo once its invalidation arrived through Redis (a moment later).
        await host.Grain<IPostGrain>(liked.PostId).Like(fan);
        await host.Grain<IPostGrain>(commented.PostId).AddComment(other, "a comment");
        await Eventually.TrueAsync(
            async () =>
            {
                var (byFan, byOther) = (await FeedViewsAsync(host, fan), await FeedViewsAsync(host, other));
                return (byFan[liked.PostId].Likes, byFan[liked.PostId].LikedByMe, byOther[liked.PostId].LikedByMe, byOther[commented.PostId].Comments)
                    == (1L, true, false, 1L);
            },
            "the like and the comment show in both feeds, the like as the fan's only");

        await host.Grain<IPostGrain>(liked.PostId).Unlike(fan);
        await Eventually.TrueAsync(
            async () => (await FeedViewsAsync(host, fan))[liked.PostId] is { Likes: 0, LikedByMe: false },
            "the unlike shows in the fan's feed");
    }

    [Fact]
    public async Task Paging_a_feed_while_new_posts_arrive_neither_repeats_nor_skips()
    {
        var host = _shared;
        var (author, reader) = (await host.RegisterAsync(_h["author"]), await host.RegisterAsync(_h["reader"]));
        await host.Grain<IUserGrain>(reader).Follow(author);
        var before = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            before.Add((await host.Grain<IUserPostsGrain>(author).Publish($"old {i}", null)).PostId);
        }

        await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(reader)).Count == 7, "the reader's feed has the 7 posts");
        var feed = host.Grain<IFeedGrain>(reader);

        var first = await feed.GetPage(3, null);
        for (var i = 0; i < 4; i++)
        {
            await host.Grain<IUserPostsGrain>(author).Publish($"new {i}", null);
        }

        await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(reader)).Count == 11, "the new posts reached the feed");
        var second = await feed.GetPage(3, first.NextCursor);
        var third = await feed.GetPage(3, second.NextCursor);

        Assert.Equal(before.AsEnumerable().Reverse(), first.Items.Concat(second.Items).Concat(third.Items).Select(static p => p.PostId));
        Assert.Null(third.NextCursor);
        Assert.Equal(11, (await host.ReadFeedAsync(reader, 4)).Count);
    }

    [Fact]
    public async Task A_feed_keeps_at_most_MaxEntries_posts()
    {
        await using var host = await SocialCluster.StartAsync(new SocialClusterOptions { MaxEntries = 5 });
        var (author, reader) = (await host.RegisterAsync(_h["author"]), await host.RegisterAsync(_h["reader"]));
        await host.Grain<IUserGrain>(reader).Follow(author);
        var posts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            posts.Add((await host.Grain<IUserPostsGrain>(author).Publish($"post {i}", null)).PostId);
        }

        await Eventually.TrueAsync(async () => (await host.StoredFeedAsync(reader)).Contains(posts[^1]), "the last post reached the feed");
        // Delivery is at least once: a post's event delivered again after the read's trim would bring it back.
        await host.UntilEventsDeliveredAsync();

        Assert.Equal(posts.TakeLast(5).Reverse(), await host.ReadFeedAsync(reader, 2));
        Assert.Equal(5, (await host.StoredFeedAsync(reader)).Count);
    }

    private static async Task<Dictionary<string, PostView>> FeedViewsAsync(SocialCluster host, string reader) =>
        (await host.Grain<IFeedGrain>(reader).GetPage(10, null)).Items.ToDictionary(static p => p.PostId);
}
