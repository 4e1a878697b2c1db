using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

public sealed class FollowTests
{
    [Fact]
    public async Task Following_twice_counts_once_and_unfollowing_twice_is_harmless()
    {
        await using var host = await SocialHost.StartAsync();
        var (alice, bob) = (await host.RegisterAsync("alice"), await host.RegisterAsync("bob"));
        var user = host.Grain<IUserGrain>(alice);

        Assert.Equal(FollowOutcome.Done, await user.Follow(bob));
        Assert.Equal(FollowOutcome.Done, await user.Follow(bob));

        Assert.True(await user.IsFollowing(bob));
        Assert.Equal((0, 1), await CountsAsync(host, alice));
        Assert.Equal((1, 0), await CountsAsync(host, bob));

        Assert.Equal(FollowOutcome.Done, await user.Unfollow(bob));
        Assert.Equal(FollowOutcome.Done, await user.Unfollow(bob));

        Assert.False(await user.IsFollowing(bob));
        Assert.Equal((0, 0), await CountsAsync(host, alice));
        Assert.Equal((0, 0), await CountsAsync(host, bob));
    }

    [Fact]
    public async Task Following_yourself_is_refused_and_following_an_unknown_user_is_reported()
    {
        await using var host = await SocialHost.StartAsync();
        var alice = await host.RegisterAsync("alice");
        var user = host.Grain<IUserGrain>(alice);

        Assert.Equal(FollowOutcome.Self, await user.Follow(alice));
        Assert.Equal(FollowOutcome.Self, await user.Unfollow(alice));
        Assert.Equal(FollowOutcome.UnknownUser, await user.Follow("999999999"));
        Assert.Equal(FollowOutcome.UnknownUser, await user.Follow("not-an-id"));
        Assert.Equal(FollowOutcome.Done, await user.Unfollow("999999999"));
        Assert.Equal((0, 0), await CountsAsync(host, alice));
    }

    [Fact]
    public async Task A_follow_notifies_the_followee_once_even_when_repeated()
    {
        await using var host = await SocialHost.StartAsync();
        var (alice, bob) = (await host.RegisterAsync("alice"), await host.RegisterAsync("bob"));

        await host.Grain<IUserGrain>(alice).Follow(bob);
        await host.Grain<IUserGrain>(alice).Follow(bob);

        var notifications = host.Grain<INotificationGrain>(bob);
        await Eventually.TrueAsync(async () => (await notifications.GetPage(10, null)).Items.Count > 0, "bob is notified");
        await host.Grain<IUserGrain>(alice).Follow(bob);
        await Task.Delay(300);
        var page = await notifications.GetPage(10, null);
        var item = Assert.Single(page.Items);
        Assert.Equal((NotificationTypes.Follow, alice, "alice", null, false), (item.Type, item.ActorId, item.ActorHandle, item.PostId, item.Read));
        Assert.Equal(1, page.Unread);
    }

    [Fact]
    public async Task Followers_and_following_are_listed_newest_follow_first_in_pages()
    {
        await using var host = await SocialHost.StartAsync();
        var star = await host.RegisterAsync("star");
        var fans = await host.RegisterManyAsync("fan", 5);
        foreach (var fan in fans)
        {
            await host.Grain<IUserGrain>(fan).Follow(star);
            await host.Grain<IUserGrain>(star).Follow(fan);
            await Task.Delay(5);
        }

        var followers = await ReadAllAsync((limit, cursor) => host.Grain<IUserGrain>(star).GetFollowers(limit, cursor));
        var following = await ReadAllAsync((limit, cursor) => host.Grain<IUserGrain>(star).GetFollowing(limit, cursor));

        Assert.Equal(fans.Reverse(), followers.Select(static u => u.UserId));
        Assert.Equal(fans.Reverse(), following.Select(static u => u.UserId));
        Assert.Equal(new UserSummary(fans[^1], "fan4", "FAN4"), followers[0]);
    }

    [Fact]
    public async Task Suggestions_are_friends_of_friends_ranked_by_how_many_followees_follow_them()
    {
        await using var host = await SocialHost.StartAsync();
        var (me, a, b, popular, niche, known) = (
            await host.RegisterAsync("me"), await host.RegisterAsync("a"), await host.RegisterAsync("b"),
            await host.RegisterAsync("popular"), await host.RegisterAsync("niche"), await host.RegisterAsync("known"));
        await FollowAsync(host, me, a, b, known);
        await FollowAsync(host, a, popular, niche, known, me);
        await FollowAsync(host, b, popular, known);

        var suggestions = await host.Grain<IUserGrain>(me).GetSuggestions(10);

        Assert.Equal([popular, niche], suggestions.Select(static s => s.UserId));
        Assert.Equal([popular], (await host.Grain<IUserGrain>(me).GetSuggestions(1)).Select(static s => s.UserId));
    }

    private static async Task FollowAsync(SocialHost host, string follower, params string[] followees)
    {
        foreach (var followee in followees)
        {
            Assert.Equal(FollowOutcome.Done, await host.Grain<IUserGrain>(follower).Follow(followee));
        }
    }

    private static async Task<(long Followers, long Following)> CountsAsync(SocialHost host, string userId)
    {
        var profile = await host.Grain<IUserGrain>(userId).GetProfile();
        return (profile!.Followers, profile.Following);
    }

    private static async Task<List<UserSummary>> ReadAllAsync(Func<int, string?, Task<Page<UserSummary>>> read)
    {
        var all = new List<UserSummary>();
        string? cursor = null;
        do
        {
            var page = await read(2, cursor);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }
}
