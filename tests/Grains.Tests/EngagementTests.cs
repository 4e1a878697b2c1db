using System.Globalization;
using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class EngagementTests(SharedClusterFixture fixture)
{
    private readonly SocialCluster _host = fixture.Cluster;
    private readonly TestHandles _h = SocialCluster.NewHandles();

    [Fact]
    public async Task A_users_like_counts_once_and_unlike_removes_it()
    {
        var (author, fan, other) = (await _host.RegisterAsync(_h["author"]), await _host.RegisterAsync(_h["fan"]), await _host.RegisterAsync(_h["other"]));
        var post = _host.Grain<IPostGrain>((await _host.Grain<IUserPostsGrain>(author).Publish("like me", null)).PostId);

        Assert.Equal(PostOutcome.Done, await post.Like(fan));
        Assert.Equal(PostOutcome.Done, await post.Like(fan));
        await post.Like(other);

        Assert.Equal(2, (await post.GetCounts())!.Likes);
        Assert.True((await post.Get(fan))!.LikedByMe);
        Assert.False((await post.Get(author))!.LikedByMe);
        Assert.False((await post.Get(null))!.LikedByMe);

        Assert.Equal(PostOutcome.Done, await post.Unlike(fan));
        Assert.Equal(PostOutcome.Done, await post.Unlike(fan));

        Assert.Equal(1, (await post.GetCounts())!.Likes);
        Assert.False((await post.Get(fan))!.LikedByMe);
        Assert.Equal(PostOutcome.NotFound, await _host.Grain<IPostGrain>("123").Like(fan));
    }

    [Fact]
    public async Task Likes_comments_and_mentions_notify_the_right_users_and_never_oneself()
    {
        var (author, fan, friend) = (await _host.RegisterAsync(_h["author"]), await _host.RegisterAsync(_h["fan"]), await _host.RegisterAsync(_h["friend"]));
        var published = await _host.Grain<IUserPostsGrain>(author).Publish($"hi @{_h["Friend"]} and @nobody_here and @{_h["author"]}", null);
        var post = _host.Grain<IPostGrain>(published.PostId);

        await post.Like(fan);
        await post.Like(author);
        await post.AddComment(fan, $"nice, @{_h["friend"]}!");
        await post.AddComment(author, $"thanks @{_h["fan"]}");

        await WaitForNotificationsAsync(author, 2);
        await WaitForNotificationsAsync(friend, 2);
        await WaitForNotificationsAsync(fan, 1);
        Assert.Equal(
            [(NotificationTypes.Comment, fan), (NotificationTypes.Like, fan)],
            await SummaryAsync(author));
        Assert.Equal(
            [(NotificationTypes.Mention, fan), (NotificationTypes.Mention, author)],
            await SummaryAsync(friend));
        Assert.Equal([(NotificationTypes.Mention, author)], await SummaryAsync(fan));
        var mention = (await _host.Grain<INotificationGrain>(friend).GetPage(10, null)).Items[^1];
        Assert.Equal((published.PostId, _h["author"]), (mention.PostId, mention.ActorHandle));
    }

    [Fact]
    public async Task Comments_are_listed_oldest_first_in_pages_and_counted()
    {
        var (author, fan) = (await _host.RegisterAsync(_h["author"]), await _host.RegisterAsync(_h["fan"]));
        var post = _host.Grain<IPostGrain>((await _host.Grain<IUserPostsGrain>(author).Publish("discuss", null)).PostId);

        var written = new List<CommentView>();
        for (var i = 0; i < 5; i++)
        {
            written.Add((await post.AddComment(i % 2 == 0 ? fan : author, $"comment {i}"))!);
        }

        var first = (await post.GetComments(3, null))!;
        var second = (await post.GetComments(3, first.NextCursor))!;

        Assert.Equal(written, first.Items.Concat(second.Items));
        Assert.Null(second.NextCursor);
        Assert.Equal((_h["fan"], "comment 0"), (written[0].AuthorHandle, written[0].Text));
        Assert.Equal(5, (await post.GetCounts())!.Comments);
        Assert.Equal(5, (await post.Get(fan))!.Comments);
    }

    [Fact]
    public async Task Notifications_page_newest_first_and_marking_read_clears_the_unread_count()
    {
        var star = await _host.RegisterAsync(_h["star"]);
        var fans = await _host.RegisterManyAsync(_h["fan"], 5);
        foreach (var fan in fans)
        {
            await _host.Grain<IUserGrain>(fan).Follow(star);
        }

        await WaitForNotificationsAsync(star, 5);
        var notifications = _host.Grain<INotificationGrain>(star);
        var first = await notifications.GetPage(2, null);
        var rest = await notifications.GetPage(10, first.NextCursor);

        // Each follow is its own stream, so the notifications are made in whatever order the follows are delivered:
        // newest first means by notification id, and every fan appears once.
        var all = first.Items.Concat(rest.Items).ToList();
        Assert.Equal(all.Select(static n => long.Parse(n.NotificationId, CultureInfo.InvariantCulture)).OrderDescending(), all.Select(static n => long.Parse(n.NotificationId, CultureInfo.InvariantCulture)));
        Assert.Equal(fans.Order(), all.Select(static n => n.ActorId).Order());
        Assert.Equal(5, first.Unread);
        Assert.Null(rest.NextCursor);

        await notifications.MarkAllRead();

        var read = await notifications.GetPage(10, null);
        Assert.Equal(0, read.Unread);
        Assert.All(read.Items, static n => Assert.True(n.Read));
    }

    private Task WaitForNotificationsAsync(string userId, int count) =>
        Eventually.TrueAsync(async () => (await _host.Grain<INotificationGrain>(userId).GetPage(50, null)).Items.Count >= count, $"{userId} has {count} notifications");

    private async Task<(string Type, string ActorId)[]> SummaryAsync(string userId) =>
        [.. (await _host.Grain<INotificationGrain>(userId).GetPage(50, null)).Items.Select(static n => (n.Type, n.ActorId))];
}
