using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Stores;
using Playbound.Grains.Tests.Infrastructure;
using Playbound.Hosting;

namespace Playbound.Grains.Tests;

/// <summary>Deleting an account (api.md "Deleting an account") through the deletion grain, on both databases.</summary>
public sealed class AccountDeletionTests
{
    private static readonly Dictionary<string, string?> QuickRetries = new()
    {
        ["Playbound:Accounts:Deletion:ReminderPeriod"] = "00:00:02",
        ["Playbound:Accounts:Deletion:FirstRetryDelay"] = "00:00:00.100",
        ["Playbound:Accounts:Deletion:PageSize"] = "2",
    };

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Nothing_of_a_deleted_account_remains_and_its_handle_can_be_registered_again(StorageKind storage)
    {
        await using var database = await TestDatabase.CreateAsync(storage);
        await using var host = await SocialCluster.StartAsync(database.ClusterOptions(settings: QuickRetries));
        var tag = "gone" + Guid.NewGuid().ToString("N")[..8];
        var leaver = await host.RegisterAsync("leaver", "Leaving Larry");
        var (friend, fan, muted) = (await host.RegisterAsync("friend"), await host.RegisterAsync("fan"), await host.RegisterAsync("muted"));

        // Follows both ways, posts in others' feeds, likes and comments both ways, notifications both ways, a mute and a block.
        foreach (var follower in new[] { friend, fan })
        {
            await host.Grain<IUserGrain>(follower).Follow(leaver);
        }

        await host.Grain<IUserGrain>(leaver).Follow(friend);
        var posts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add((await host.Grain<IUserPostsGrain>(leaver).Publish($"post {i} #{tag} @friend", null)).PostId);
        }

        var friendsPost = (await host.Grain<IUserPostsGrain>(friend).Publish("friend's own", null)).PostId;
        await host.Grain<IPostGrain>(friendsPost).Like(leaver);
        await host.Grain<IPostGrain>(friendsPost).AddComment(leaver, "first!");
        await host.Grain<IPostGrain>(friendsPost).AddComment(fan, "second");
        await host.Grain<IPostGrain>(posts[0]).Like(friend);
        await host.Grain<IPostGrain>(posts[0]).AddComment(friend, "nice");
        await host.Grain<IRelationsGrain>(leaver).Mute(muted);
        await host.Grain<IRelationsGrain>(muted).Block(leaver);
        await host.UntilEveryStoredFeedAsync([friend, fan], feed => feed.Contains(posts[^1]), "the posts reached the followers");
        await host.UntilEventsDeliveredAsync();
        Assert.Contains((await host.Grain<INotificationGrain>(friend).GetPage(50, null)).Items, n => n.ActorId == leaver);

        await host.Grain<IAccountDeletionGrain>(leaver).Start("leaver");

        // At once: no login, no profile.
        Assert.Null(await host.Grain<IAccountGrain>("leaver").GetCredentials());
        Assert.Null(await host.Grain<IUserGrain>(leaver).GetProfile());
        Assert.Null(await host.Grain<IAccountGrain>("leaver").Register("Too Soon", "x"));

        await Eventually.TrueAsync(async () => (await host.Grain<IAccountDeletionGrain>(leaver).GetStatus()).Completed, "the deletion completed");
        await host.UntilEventsDeliveredAsync();

        foreach (var post in posts)
        {
            Assert.Null(await host.Grain<IPostGrain>(post).Get(friend));
        }

        foreach (var reader in new[] { friend, fan, muted })
        {
            Assert.DoesNotContain(await host.StoredFeedAsync(reader), posts.Contains);
            Assert.DoesNotContain(await host.ReadFeedAsync(reader), posts.Contains);
            Assert.DoesNotContain((await host.Grain<INotificationGrain>(reader).GetPage(50, null)).Items, n => n.ActorId == leaver);
        }

        var search = host.Grains.GetGrain<ISearchGrain>(0);
        Assert.Empty((await search.GetTagged(tag, 10, null, friend)).Items);
        Assert.Empty((await search.FindUsers("leav", 10, null, friend)).Items);
        var friendsPostNow = (await host.Grain<IPostGrain>(friendsPost).Get(friend))!;
        Assert.Equal((0L, 1L), (friendsPostNow.Likes, friendsPostNow.Comments));
        var friendsProfile = (await host.Grain<IUserGrain>(friend).GetProfile())!;
        Assert.Equal((0L, 0L), (friendsProfile.Followers, friendsProfile.Following));
        Assert.Empty((await host.Grain<IUserGrain>(fan).GetFollowing(10, null)).Items);
        Assert.DoesNotContain(leaver, (await host.Grain<IRelationsGrain>(muted).GetRelations()).Blocking);
        Assert.Empty(await host.Services.GetRequiredService<IAccountRows>().GetRelationsAsync(leaver, 10, default));
        Assert.Empty(await host.Services.GetRequiredService<IAccountRows>().GetLikedPostIdsAsync(leaver, 10, default));
        Assert.Empty(await host.Services.GetRequiredService<IAccountRows>().GetCommentedPostIdsAsync(leaver, 10, default));
        Assert.Empty(await host.StoredFeedAsync(leaver));
        Assert.Null(await host.Services.GetRequiredService<IUserDirectory>().GetAsync(leaver, default));

        var again = await host.RegisterAsync("leaver");
        Assert.NotEqual(leaver, again);
        Assert.Equal("leaver", (await host.Grain<IUserGrain>(again).GetProfile())!.Handle);
    }

    [Fact]
    public async Task A_post_published_just_before_the_deletion_goes_with_the_account_and_starting_twice_is_harmless()
    {
        await using var host = await SocialCluster.StartAsync(new SocialClusterOptions { Settings = QuickRetries });
        var leaver = await host.RegisterAsync("leaver");
        var follower = await host.RegisterAsync("follower");
        await host.Grain<IUserGrain>(follower).Follow(leaver);

        // Its fan-out may run before or after the deletion's post step; either way the post goes.
        var late = await host.Grain<IUserPostsGrain>(leaver).Publish("just before leaving", null);
        await host.Grain<IAccountDeletionGrain>(leaver).Start("leaver");
        await host.Grain<IAccountDeletionGrain>(leaver).Start("leaver");

        await Eventually.TrueAsync(async () => (await host.Grain<IAccountDeletionGrain>(leaver).GetStatus()).Completed, "the deletion completed");
        await host.UntilEventsDeliveredAsync();
        Assert.Null(await host.Grain<IPostGrain>(late.PostId).Get(follower));
        Assert.Empty(await host.StoredFeedAsync(follower));
        Assert.Null(await host.Grain<IUserGrain>(leaver).GetProfile());
        Assert.Equal(AuthorStatus.Gone, await host.Grain<IUserGrain>(leaver).RefreshAuthorStatus());
    }
}
