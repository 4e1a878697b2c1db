using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

/// <summary>Reposts (api.md "Reposts") through the grains: counts, feeds by entry time, once per feed, undo, delete.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RepostTests(SharedClusterFixture fixture)
{
    private readonly SocialCluster _host = fixture.Cluster;
    private readonly TestHandles _h = SocialCluster.NewHandles();

    [Fact]
    public async Task A_repost_counts_once_shows_as_mine_and_notifies_the_author_once_and_never_for_ones_own_post()
    {
        var (author, fan) = (await _host.RegisterAsync(_h["author"]), await _host.RegisterAsync(_h["fan"]));
        var post = _host.Grain<IPostGrain>((await _host.Grain<IUserPostsGrain>(author).Publish("worth sharing", null)).PostId);

        Assert.Equal(PostOutcome.Done, await post.Repost(fan));
        Assert.Equal(PostOutcome.Done, await post.Repost(fan));
        Assert.Equal(PostOutcome.Done, await post.Repost(author));

        var view = (await post.Get(fan))!;
        Assert.Equal((2L, true), (view.Reposts, view.RepostedByMe));
        Assert.False((await post.Get(null))!.RepostedByMe);
        Assert.Equal([author, fan], (await post.GetReposters(10, null))!.Items.Select(static u => u.UserId));
        await _host.UntilEventsDeliveredAsync();
        var notifications = (await _host.Grain<INotificationGrain>(author).GetPage(10, null)).Items;
        Assert.Equal([(NotificationTypes.Repost, fan)], notifications.Select(static n => (n.Type, n.ActorId)));

        Assert.Equal(PostOutcome.Done, await post.Unrepost(fan));
        Assert.Equal(PostOutcome.Done, await post.Unrepost(fan));
        Assert.Equal((1L, false), ((await post.Get(fan))!.Reposts, (await post.Get(fan))!.RepostedByMe));
    }

    [Fact]
    public async Task A_repost_enters_the_reposters_followers_feeds_at_its_time_once_and_undoing_it_removes_only_what_it_brought()
    {
        var (author, reposter, other) = (await _host.RegisterAsync(_h["author"]), await _host.RegisterAsync(_h["reposter"]), await _host.RegisterAsync(_h["other"]));
        var (reader, authorsFan) = (await _host.RegisterAsync(_h["reader"]), await _host.RegisterAsync(_h["fan"]));
        await _host.Grain<IUserGrain>(reader).Follow(reposter);
        await _host.Grain<IUserGrain>(reader).Follow(other);
        await _host.Grain<IUserGrain>(authorsFan).Follow(author);
        await _host.Grain<IUserGrain>(authorsFan).Follow(reposter);
        var post = (await _host.Grain<IUserPostsGrain>(author).Publish("older", null)).PostId;
        var newer = (await _host.Grain<IUserPostsGrain>(other).Publish("newer", null)).PostId;
        await _host.UntilEventsDeliveredAsync();

        await _host.Grain<IPostGrain>(post).Repost(reposter);
        await _host.UntilEventsDeliveredAsync();

        var feed = (await _host.Grain<IFeedGrain>(reader).GetPage(10, null)).Items;
        Assert.Equal([post, newer], feed.Select(static p => p.PostId));
        Assert.Equal(reposter, feed[0].RepostedBy!.UserId);
        Assert.NotNull(feed[0].RepostedAt);
        Assert.Null(feed[1].RepostedBy);
        var fansFeed = (await _host.Grain<IFeedGrain>(authorsFan).GetPage(10, null)).Items;
        Assert.Equal([post], fansFeed.Select(static p => p.PostId));
        Assert.Null(fansFeed[0].RepostedBy);

        // Paging by entry: the repost's position is the cursor, and the next page holds the older entry only.
        var first = await _host.Grain<IFeedGrain>(reader).GetPage(1, null);
        Assert.Equal([newer], (await _host.Grain<IFeedGrain>(reader).GetPage(1, first.NextCursor)).Items.Select(static p => p.PostId));

        await _host.Grain<IPostGrain>(post).Unrepost(reposter);
        await _host.UntilEventsDeliveredAsync();
        Assert.Equal([newer], await _host.ReadFeedAsync(reader));
        Assert.Equal([post], await _host.ReadFeedAsync(authorsFan));
    }

    [Fact]
    public async Task Deleting_the_original_removes_it_and_every_repost_of_it_from_every_feed()
    {
        var (author, first, second) = (await _host.RegisterAsync(_h["author"]), await _host.RegisterAsync(_h["first"]), await _host.RegisterAsync(_h["second"]));
        var (reader, otherReader) = (await _host.RegisterAsync(_h["reader"]), await _host.RegisterAsync(_h["other"]));
        await _host.Grain<IUserGrain>(reader).Follow(first);
        await _host.Grain<IUserGrain>(otherReader).Follow(second);
        var post = (await _host.Grain<IUserPostsGrain>(author).Publish("soon gone", null)).PostId;
        await _host.Grain<IPostGrain>(post).Repost(first);
        await _host.Grain<IPostGrain>(post).Repost(second);
        await _host.UntilEventsDeliveredAsync();
        Assert.Equal([post], await _host.StoredFeedAsync(reader));
        Assert.Equal([post], await _host.StoredFeedAsync(otherReader));

        Assert.Equal(PostOutcome.Done, await _host.Grain<IPostGrain>(post).Delete(author));
        await _host.UntilEventsDeliveredAsync();

        Assert.Empty(await _host.StoredFeedAsync(reader));
        Assert.Empty(await _host.StoredFeedAsync(otherReader));
        Assert.Null(await _host.Grain<IPostGrain>(post).GetReposters(10, null));
        Assert.Equal(PostOutcome.NotFound, await _host.Grain<IPostGrain>(post).Repost(first));
    }

    [Fact]
    public async Task A_blocked_user_cannot_repost_and_a_muted_reposters_reposts_stay_out_of_the_feed()
    {
        var (author, blocked, muted, reader) =
            (await _host.RegisterAsync(_h["author"]), await _host.RegisterAsync(_h["blocked"]), await _host.RegisterAsync(_h["muted"]), await _host.RegisterAsync(_h["reader"]));
        await _host.Grain<IRelationsGrain>(author).Block(blocked);
        await _host.Grain<IUserGrain>(reader).Follow(muted);
        var post = (await _host.Grain<IUserPostsGrain>(author).Publish("not for everyone", null)).PostId;

        Assert.Equal(PostOutcome.NotFound, await _host.Grain<IPostGrain>(post).Repost(blocked));

        await _host.Grain<IPostGrain>(post).Repost(muted);
        await _host.UntilEventsDeliveredAsync();
        Assert.Equal([post], await _host.ReadFeedAsync(reader));
        await _host.Grain<IRelationsGrain>(reader).Mute(muted);
        Assert.Empty(await _host.ReadFeedAsync(reader));
    }
}
