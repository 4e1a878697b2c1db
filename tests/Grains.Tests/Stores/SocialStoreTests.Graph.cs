using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task Suggestions_rank_followees_followees_by_how_many_followees_lead_to_them()
    {
        var (me, a, b, c) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (x, y, z, gone, known) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var stranger = await NewUserAsync();
        foreach (var followee in new[] { a, b, c, known })
        {
            await FollowAsync(me, followee);
        }

        // x via a, b, c; y via a, b; z via b only. Excluded: me, whom I follow (b, known), a follow that was undone
        // (gone), and someone's followee reached only through someone I do not follow (stranger).
        foreach (var (follower, followee) in new[] { (a, x), (b, x), (c, x), (a, y), (b, y), (b, z), (a, me), (c, me), (a, b), (c, known), (a, gone), (x, stranger) })
        {
            await FollowAsync(follower, followee);
        }

        await FollowAsync(a, gone, following: false);

        var suggestions = await Db.Follows.GetSuggestionsAsync(me, 10, default);
        Assert.Equal([x, y, z], suggestions.Select(user => user.UserId));
        Assert.Equal(new UserSummary(x, "u" + x, "User " + x), suggestions[0]);
        Assert.Equal([x, y], (await Db.Follows.GetSuggestionsAsync(me, 2, default)).Select(user => user.UserId));
        Assert.Empty(await Db.Follows.GetSuggestionsAsync(stranger, 10, default));
    }

    [Fact]
    public async Task Suggestions_with_equal_counts_come_in_a_stable_order()
    {
        var me = await NewUserAsync();
        var friend = await NewUserAsync();
        var candidates = await NewUsersAsync(5);
        await FollowAsync(me, friend);
        foreach (var candidate in candidates)
        {
            await FollowAsync(friend, candidate);
        }

        var first = await Db.Follows.GetSuggestionsAsync(me, 10, default);
        Assert.Equal(5, first.Count);
        Assert.Equal(first, await Db.Follows.GetSuggestionsAsync(me, 10, default));
    }

    [Fact]
    public async Task Celebrities_are_the_followees_with_at_least_the_threshold_of_followers()
    {
        var me = await NewUserAsync();
        var (star, minor, former) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var fans = await NewUsersAsync(3);
        foreach (var fan in fans)
        {
            await FollowAsync(fan, star);
            await FollowAsync(fan, former);
        }

        await FollowAsync(fans[0], minor);
        await FollowAsync(me, star);
        await FollowAsync(me, minor);
        await FollowAsync(me, former);
        await FollowAsync(me, former, following: false);

        Assert.Equal([star], await Db.Follows.GetFolloweesWithFollowersAtLeastAsync(me, 4, default));
        Assert.Equal(new[] { star, minor }.Order(StringComparer.Ordinal), await Db.Follows.GetFolloweesWithFollowersAtLeastAsync(me, 2, default));
        Assert.Empty(await Db.Follows.GetFolloweesWithFollowersAtLeastAsync(me, 5, default));
    }
}
