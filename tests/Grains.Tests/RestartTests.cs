using Playbound.Grains.Tests.Infrastructure;
using Playbound.Hosting;

namespace Playbound.Grains.Tests;

public sealed class RestartTests
{
    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Users_follows_posts_likes_feeds_and_notifications_survive_a_restart(StorageKind storage)
    {
        await using var database = await TestDatabase.CreateAsync(storage);
        string alice, bob, postId;
        await using (var first = await SocialCluster.StartAsync(database.ClusterOptions()))
        {
            (alice, bob) = (await first.RegisterAsync("alice"), await first.RegisterAsync("bob"));
            await first.Grain<IUserGrain>(bob).Follow(alice);
            await first.Grain<IUserGrain>(alice).UpdateProfile(null, "bio survives");
            postId = (await first.Grain<IUserPostsGrain>(alice).Publish("persisted @bob", null)).PostId;
            await first.Grain<IPostGrain>(postId).Like(bob);
            await first.Grain<IPostGrain>(postId).AddComment(bob, "me too");
            await Eventually.TrueAsync(async () => (await first.ReadFeedAsync(bob)).Count == 1, "bob's feed has the post");
            await Eventually.TrueAsync(async () => (await first.Grain<INotificationGrain>(alice).GetPage(10, null)).Items.Count == 3, "alice has 3 notifications");
            await Eventually.TrueAsync(async () => (await first.Grain<INotificationGrain>(bob).GetPage(10, null)).Items.Count == 1, "bob has his mention");
        }

        await using var second = await SocialCluster.StartAsync(database.ClusterOptions());

        Assert.Equal(alice, (await second.Grain<IAccountGrain>("alice").GetCredentials())!.UserId);
        Assert.Null(await second.Grain<IAccountGrain>("alice").Register("Again", "x"));
        var profile = (await second.Grain<IUserGrain>(alice).GetProfile())!;
        Assert.Equal(("alice", "bio survives", 1L, 0L, 1L), (profile.Handle, profile.Bio, profile.Followers, profile.Following, profile.Posts));
        Assert.True(await second.Grain<IUserGrain>(bob).IsFollowing(alice));
        var post = (await second.Grain<IPostGrain>(postId).Get(bob))!;
        Assert.Equal(("persisted @bob", 1L, 1L, true), (post.Text, post.Likes, post.Comments, post.LikedByMe));
        Assert.Equal([postId], await second.ReadFeedAsync(bob));
        Assert.Equal([postId], await second.ReadFeedAsync(alice));
        var notifications = await second.Grain<INotificationGrain>(alice).GetPage(10, null);
        Assert.Equal([NotificationTypes.Comment, NotificationTypes.Like, NotificationTypes.Follow], notifications.Items.Select(static n => n.Type));
        Assert.Equal(3, notifications.Unread);

        // The follow version survived too: unfollowing now is a newer change, not a replay to be ignored.
        await second.Grain<IUserGrain>(bob).Unfollow(alice);
        Assert.False(await second.Grain<IUserGrain>(bob).IsFollowing(alice));
        await Eventually.TrueAsync(async () => (await second.ReadFeedAsync(bob)).Count == 0, "the unfollow emptied bob's feed");
    }
}
