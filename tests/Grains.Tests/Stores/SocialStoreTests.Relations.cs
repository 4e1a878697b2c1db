using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task Relations_are_idempotent_and_read_back_as_three_sets()
    {
        var (me, blocked, blocker, muted) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());

        Assert.True(await Db.Relations.SetAsync(RelationKind.Block, me, blocked, on: true, 1, default));
        Assert.False(await Db.Relations.SetAsync(RelationKind.Block, me, blocked, on: true, 2, default));
        await Db.Relations.SetAsync(RelationKind.Block, blocker, me, on: true, 3, default);
        await Db.Relations.SetAsync(RelationKind.Mute, me, muted, on: true, 4, default);

        var sets = await Db.Relations.GetSetsAsync(me, default);
        Assert.Equal([blocked], sets.Blocking);
        Assert.Equal([blocker], sets.BlockedBy);
        Assert.Equal([muted], sets.Muting);
        Assert.True(await Db.Relations.IsBlockedEitherWayAsync(me, blocked, default));
        Assert.True(await Db.Relations.IsBlockedEitherWayAsync(me, blocker, default));
        Assert.False(await Db.Relations.IsBlockedEitherWayAsync(me, muted, default));

        Assert.True(await Db.Relations.SetAsync(RelationKind.Block, me, blocked, on: false, 0, default));
        Assert.False(await Db.Relations.SetAsync(RelationKind.Block, me, blocked, on: false, 0, default));
        Assert.Empty((await Db.Relations.GetSetsAsync(me, default)).Blocking);
        Assert.False(await Db.Relations.IsBlockedEitherWayAsync(blocked, me, default));
    }

    [Fact]
    public async Task Suggestions_leave_out_users_blocked_either_way()
    {
        var (me, friend) = (await NewUserAsync(), await NewUserAsync());
        var (blocked, blocking, suggested) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await FollowAsync(me, friend);
        foreach (var user in new[] { blocked, blocking, suggested })
        {
            await FollowAsync(friend, user);
        }

        await Db.Relations.SetAsync(RelationKind.Block, me, blocked, on: true, 1, default);
        await Db.Relations.SetAsync(RelationKind.Block, blocking, me, on: true, 2, default);

        Assert.Equal([suggested], (await Db.Follows.GetSuggestionsAsync(me, 10, default)).Select(u => u.UserId));
    }

    [Fact]
    public async Task Relations_list_newest_first_in_pages_and_filter_who_hides_an_author()
    {
        var (me, author) = (await NewUserAsync(), await NewUserAsync());
        var others = await NewUsersAsync(4);
        for (var i = 0; i < others.Count; i++)
        {
            await Db.Relations.SetAsync(RelationKind.Mute, me, others[i], on: true, 10 + i, default);
        }

        await Db.Relations.SetAsync(RelationKind.Block, me, author, on: true, 20, default);
        await Db.Relations.SetAsync(RelationKind.Mute, others[0], author, on: true, 21, default);
        await Db.Relations.SetAsync(RelationKind.Block, others[1], author, on: true, 22, default);

        var first = await Db.Relations.ListAsync(RelationKind.Mute, me, 3, null, default);
        var rest = await Db.Relations.ListAsync(RelationKind.Mute, me, 3, first.NextCursor, default);
        Assert.Equal([others[3], others[2], others[1]], first.Items.Select(u => u.UserId));
        Assert.Equal([others[0]], rest.Items.Select(u => u.UserId));
        Assert.Null(rest.NextCursor);
        Assert.Equal([author], (await Db.Relations.ListAsync(RelationKind.Block, me, 10, null, default)).Items.Select(u => u.UserId));

        var hiding = await Db.Relations.FilterHidingAsync(author, [me, others[0], others[1], others[2]], default);
        Assert.Equal([me, others[0], others[1]], hiding.Order(StringComparer.Ordinal));
        Assert.Empty(await Db.Relations.FilterHidingAsync(author, [], default));
    }
}
