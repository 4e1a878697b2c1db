using Playbound.Grains.Tests.Infrastructure;

namespace Playbound.Grains.Tests;

[Collection(SharedClusterCollection.Name)]
public sealed class FollowTests(SharedClusterFixture fixture)
{
    private readonly SocialCluster _host = fixture.Cluster;
    private readonly TestHandles _h = SocialCluster.NewHandles();

    [Fact]
    public async Task Following_twice_counts_once_and_unfollowing_twice_is_harmless()
    {
        var (alice, bob) = (await _host.RegisterAsync(_h["alice"]), await _host.RegisterAsync(_h["bob"]));
        var user = _host.Grain<IUserGrain>(alice);

        Assert.Equal(FollowOutcome.Done, await user.Follow(bob));
        Assert.Equal(FollowOutcome.Done, await user.Follow(bob));

        Assert.True(await user.IsFollowing(bob));
        Assert.Equal((0, 1), await CountsAsync(alice));
        Assert.Equal((1, 0), await CountsAsync(bob));

        Assert.Equal(FollowOutcome.Done, await user.Unfollow(bob));
        Assert.Equal(FollowOutcome.Done, await user.Unfollow(bob));

        Assert.False(await user.IsFollowing(bob));
        Assert.Equal((0, 0), await CountsAsync(alice));
        Assert.Equal((0, 0), await CountsAsync(bob));
    }

    [Fact]
    public async Task Following_yourself_is_refused_and_following_an_unknown_user_is_reported()
    {
        var alice = await _host.RegisterAsync(_h["alice"]);
        var user = _host.Grain<IUserGrain>(alice);

        Assert.Equal(FollowOutcome.Self, await user.Follow(alice));
        Assert.Equal(FollowOutcome.Self, await user.Unfollow(alice));
        Assert.Equal(FollowOutcome.UnknownUser, await user.Follow("999999999"));
        Assert.Equal(FollowOutcome.UnknownUser, await user.Follow("not-an-id"));
        Assert.Equal(FollowOutcome.Done, await user.Unfollow("999999999"));
        Assert.Equal((0, 0), await CountsAsync(alice));
    }

    [Fact]
    public async Task A_follow_notifies_the_followee_once_even_when_repeated()
    {
        var (alice, bob) = (await _host.RegisterAsync(_h["alice"]), await _host.RegisterAsync(_h["bob"]));

        await _host.Grain<IUserGrain>(alice).Follow(bob);
        await _host.Grain<IUserGrain>(alice).Follow(bob);

        var notifications = _host.Grain<INotificationGrain>(bob);
        await Eventually.TrueAsync(async () => (await notifications.GetPage(10, null)).Items.Count > 0, "bob is notified");
        await _host.Grain<IUserGrain>(alice).Follow(bob);

        // Bob's notifications arrive in order: once carol's follow is in, a repeat of alice's would be too.
        var carol = await _host.RegisterAsync(_h["carol"]);
        await _host.Grain<IUserGrain>(carol).Follow(bob);
        await Eventually.TrueAsync(async () => (await notifications.GetPage(10, null)).Items.Any(n => n.ActorId == carol), "carol's follow reached bob");
        var page = await notifications.GetPage(10, null);
        var item = Assert.Single(page.Items, n => n.ActorId == alice);
        Assert.Equal((NotificationTypes.Follow, alice, _h["alice"], null, false), (item.Type, item.ActorId, item.ActorHandle, item.PostId, item.Read));
        Assert.Equal(2, page.Items.Count);
        Assert.Equal(2, page.Unread);
    }

    [Fact]
    public async Task Followers_and_following_are_listed_newest_follow_first_in_pages()
    {
        var star = await _host.RegisterAsync(_h["star"]);
        var fans = await _host.RegisterManyAsync(_h["fan"], 5);
        foreach (var fan in fans)
        {
            await _host.Grain<IUserGrain>(fan).Follow(star);
            await _host.Grain<IUserGrain>(star).Follow(fan);
            await Task.Delay(5);
        }

        var followers = await ReadAllAsync((limit, cursor) => _host.Grain<IUserGrain>(star).GetFollowers(limit, cursor));
        var following = await ReadAllAsync((limit, cursor) => _host.Grain<IUserGrain>(star).GetFollowing(limit, cursor));

        Assert.Equal(fans.Reverse(), followers.Select(static u => u.UserId));
        Assert.Equal(fans.Reverse(), following.Select(static u => u.UserId));
        Assert.Equal(new UserSummary(fans[^1], _h["fan"] + "4", (_h["fan"] + "4").ToUpperInvariant()), followers[0]);
    }

    [Fact]
    public async Task Suggestions_are_friends_of_friends_ranked_by_how_many_followees_follow_them()
    {
        var (me, a, b, popular, niche, known) = (
            await _host.RegisterAsync(_h["me"]), await _host.RegisterAsync(_h["a"]), await _host.RegisterAsync(_h["b"]),
            await _host.RegisterAsync(_h["popular"]), await _host.RegisterAsync(_h["niche"]), await _host.RegisterAsync(_h["known"]));
        await FollowAsync(me, a, b, known);
        await FollowAsync(a, popular, niche, known, me);
        await FollowAsync(b, popular, known);

        var suggestions = await _host.Grain<IUserGrain>(me).GetSuggestions(10);

        Assert.Equal([popular, niche], suggestions.Select(static s => s.UserId));
        Assert.Equal([popular], (await _host.Grain<IUserGrain>(me).GetSuggestions(1)).Select(static s => s.UserId));
    }

    private async Task FollowAsync(string follower, params string[] followees)
    {
        foreach (var followee in followees)
        {
            Assert.Equal(FollowOutcome.Done, await _host.Grain<IUserGrain>(follower).Follow(followee));
        }
    }

    private async Task<(long Followers, long Following)> CountsAsync(string userId)
    {
        var profile = await _host.Grain<IUserGrain>(userId).GetProfile();
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
