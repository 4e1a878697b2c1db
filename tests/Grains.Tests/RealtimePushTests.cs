using Playbound.Grains.Realtime;
using Playbound.Grains.Tests.Infrastructure;
using Playbound.Hosting;

namespace Playbound.Grains.Tests;

/// <summary>What the grains push, and to whom, with a recording stand-in for the hub.</summary>
public sealed class RealtimePushTests : IAsyncLifetime
{
    private const int CelebrityThreshold = 3;

    private readonly RecordingRealtime _realtime = new();
    private TestDatabase _database = null!;
    private SocialCluster _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(StorageKind.Sqlite);
        _host = await SocialCluster.StartAsync(_database.ClusterOptions(CelebrityThreshold), _realtime.Register);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_post_is_pushed_to_the_authors_online_followers_only()
    {
        var (author, online, offline, stranger) = (await Register("author"), await Register("online"), await Register("offline"), await Register("stranger"));
        await FollowAsync(author, online, offline);
        _realtime.SetOnline(author, online, stranger);

        var post = await PublishAsync(author, "hello followers");

        // The follow projection's backfill may store the post in the feeds first, so the push is what shows the
        // fan-out ran; it pushes a page before storing it, so once the page is stored no other push can follow.
        await Eventually.TrueAsync(() => FeedPostRecipients(post).Length > 0, "the fan-out pushed the post");
        await Eventually.TrueAsync(async () => (await _host.StoredFeedAsync(offline)).Contains(post), "fan-out stored the post for the offline follower");
        Assert.Equal([online], FeedPostRecipients(post));
        var pushed = Assert.IsType<PostView>(_realtime.Pushes.Single(p => p.Method == RealtimeMethods.FeedPost).Payload);
        Assert.Equal(("hello followers", author, false), (pushed.Text, pushed.AuthorId, pushed.LikedByMe));
    }

    [Fact]
    public async Task Followers_who_mute_the_author_get_no_push_of_their_posts_celebrity_or_not()
    {
        var (author, celebrity, muter, fan, other) = (await Register("author"), await Register("celebrity"), await Register("muter"), await Register("fan"), await Register("other"));
        await FollowAsync(author, muter, fan);
        await FollowAsync(celebrity, muter, fan, other);
        _realtime.SetOnline(muter, fan, other);
        Assert.Equal(FollowOutcome.Done, await _host.Grain<IRelationsGrain>(muter).Mute(author));
        Assert.Equal(FollowOutcome.Done, await _host.Grain<IRelationsGrain>(muter).Mute(celebrity));

        var post = await PublishAsync(author, "not for the muter");
        var famous = await PublishAsync(celebrity, "nor this");

        await Eventually.TrueAsync(() => FeedPostRecipients(post).Length > 0, "the fan-out pushed the post");
        await Eventually.TrueAsync(async () => (await _host.StoredFeedAsync(muter)).Contains(post), "the fan-out stored the post for the muter too");
        await _host.UntilEventsDeliveredAsync();
        Assert.Equal([fan], FeedPostRecipients(post));
        await Eventually.TrueAsync(() => FeedPostRecipients(famous).Length == 2, "the celebrity's post reached the other online fans");
        Assert.Equal(new[] { fan, other }.Order(), FeedPostRecipients(famous));
        Assert.DoesNotContain(post, (await _host.Grain<IFeedGrain>(muter).GetPage(10, null)).Items.Select(p => p.PostId));
    }

    [Fact]
    public async Task A_celebritys_post_is_pushed_to_online_followers_without_entering_their_stored_feeds()
    {
        var (celebrity, fan1, fan2, fan3, stranger) = (await Register("celebrity"), await Register("fan1"), await Register("fan2"), await Register("fan3"), await Register("stranger"));
        await FollowAsync(celebrity, fan1, fan2, fan3);
        _realtime.SetOnline(fan1, fan3, stranger);

        var post = await PublishAsync(celebrity, "famous words");

        await Eventually.TrueAsync(() => FeedPostRecipients(post).Length == 2, "both online fans got the post");
        Assert.Equal(new[] { fan1, fan3 }.Order(), FeedPostRecipients(post));
        Assert.DoesNotContain(post, await _host.StoredFeedAsync(fan1));
        Assert.Contains(post, await _host.ReadFeedAsync(fan1));
    }

    [Fact]
    public async Task Nothing_is_pushed_while_nobody_is_online()
    {
        var (author, follower) = (await Register("author"), await Register("follower"));
        await FollowAsync(author, follower);

        var post = await PublishAsync(author, "into the void");

        await Eventually.TrueAsync(async () => (await _host.StoredFeedAsync(author)).Contains(post), "the fan-out started");
        await Eventually.TrueAsync(async () => (await _host.StoredFeedAsync(follower)).Contains(post), "the follower's feed has the post");
        Assert.DoesNotContain(_realtime.Pushes, static p => p.Method == RealtimeMethods.FeedPost);
    }

    [Fact]
    public async Task A_like_pushes_a_notification_to_the_online_author_and_the_new_counts_to_watchers()
    {
        var (author, fan) = (await Register("author"), await Register("fan"));
        _realtime.SetOnline(author);
        var post = await PublishAsync(author, "like me");

        Assert.Equal(PostOutcome.Done, await _host.Grain<IPostGrain>(post).Like(fan));
        await _host.Grain<IPostGrain>(post).Like(fan);

        await Eventually.TrueAsync(
            () => _realtime.Recipients<NotificationView>(RealtimeMethods.Notification, n => n.PostId == post).Length == 1, "the author was notified");
        var notification = (NotificationView)_realtime.Pushes.Single(p => p.Method == RealtimeMethods.Notification).Payload;
        Assert.Equal((NotificationTypes.Like, fan, "fan", false), (notification.Type, notification.ActorId, notification.ActorHandle, notification.Read));
        Assert.Equal([new PostCounts(post, 1, 0)], _realtime.PostUpdates);
    }

    [Fact]
    public async Task Unlikes_and_comments_push_counts_and_an_offline_author_gets_no_notification_push()
    {
        var (author, fan) = (await Register("author"), await Register("fan"));
        var post = await PublishAsync(author, "count me");
        var grain = _host.Grain<IPostGrain>(post);

        await grain.Like(fan);
        await grain.AddComment(fan, "nice");
        await grain.Unlike(fan);
        await grain.Unlike(fan);

        Assert.Equal([new PostCounts(post, 1, 0), new PostCounts(post, 1, 1), new PostCounts(post, 0, 1)], _realtime.PostUpdates);
        await Eventually.TrueAsync(
            async () => (await _host.Grain<INotificationGrain>(author).GetPage(10, null)).Unread == 2, "the like and the comment reached the author's notifications");
        Assert.DoesNotContain(_realtime.Pushes, static p => p.Method == RealtimeMethods.Notification);
    }

    private string[] FeedPostRecipients(string postId) =>
        _realtime.Recipients<PostView>(RealtimeMethods.FeedPost, p => p.PostId == postId);

    private Task<string> Register(string handle) => _host.RegisterAsync(handle);

    private async Task FollowAsync(string followee, params string[] followers)
    {
        foreach (var follower in followers)
        {
            Assert.Equal(FollowOutcome.Done, await _host.Grain<IUserGrain>(follower).Follow(followee));
        }
    }

    private async Task<string> PublishAsync(string author, string text) =>
        (await _host.Grain<IUserPostsGrain>(author).Publish(text, null)).PostId;
}
