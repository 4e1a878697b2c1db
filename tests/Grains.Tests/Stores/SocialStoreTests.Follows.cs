using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task Follow_and_unfollow_are_idempotent_and_counted_once()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());

        Assert.Equal(new FollowChange(true, 1), await FollowAsync(alice, bob));
        Assert.Equal(new FollowChange(false, 1), await FollowAsync(alice, bob));
        Assert.True(await Db.Follows.IsFollowingAsync(alice, bob, default));
        Assert.False(await Db.Follows.IsFollowingAsync(bob, alice, default));
        Assert.Equal(new UserCounts(0, 1, 0), await Db.Users.GetCountsAsync(alice, default));
        Assert.Equal(new UserCounts(1, 0, 0), await Db.Users.GetCountsAsync(bob, default));

        Assert.Equal(new FollowChange(true, 0), await FollowAsync(alice, bob, following: false));
        Assert.Equal(new FollowChange(false, 0), await FollowAsync(alice, bob, following: false));
        Assert.False(await Db.Follows.IsFollowingAsync(alice, bob, default));
        Assert.Equal(new UserCounts(0, 0, 0), await Db.Users.GetCountsAsync(alice, default));
        Assert.Equal(new UserCounts(0, 0, 0), await Db.Users.GetCountsAsync(bob, default));
    }

    [Fact]
    public async Task An_older_version_never_undoes_a_newer_one()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        Assert.Equal(new FollowChange(true, 1), await Db.Follows.SetFollowAsync(alice, bob, true, 10, Epoch, default));

        Assert.Equal(new FollowChange(false, 1), await Db.Follows.SetFollowAsync(alice, bob, false, 9, Epoch, default));
        Assert.Equal(new FollowChange(false, 1), await Db.Follows.SetFollowAsync(alice, bob, false, 10, Epoch, default));
        Assert.True(await Db.Follows.IsFollowingAsync(alice, bob, default));

        Assert.Equal(new FollowChange(true, 0), await Db.Follows.SetFollowAsync(alice, bob, false, 11, Epoch, default));
        Assert.Equal(new FollowChange(false, 0), await Db.Follows.SetFollowAsync(alice, bob, true, 10, Epoch, default));
        Assert.False(await Db.Follows.IsFollowingAsync(alice, bob, default));
        Assert.Equal(new UserCounts(0, 0, 0), await Db.Users.GetCountsAsync(alice, default));

        // A replayed unfollow that arrives first still blocks the older follow behind it.
        var carol = await NewUserAsync();
        Assert.Equal(new FollowChange(false, 0), await Db.Follows.SetFollowAsync(carol, bob, false, 5, Epoch, default));
        Assert.Equal(new FollowChange(false, 0), await Db.Follows.SetFollowAsync(carol, bob, true, 4, Epoch, default));
        Assert.False(await Db.Follows.IsFollowingAsync(carol, bob, default));
    }

    [Fact]
    public async Task Filtering_followers_keeps_only_the_candidates_who_currently_follow()
    {
        var (star, fan, former, stranger) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await FollowAsync(fan, star);
        await FollowAsync(former, star);
        await FollowAsync(former, star, following: false);
        await FollowAsync(star, stranger);

        Assert.Equal([fan], await Db.Follows.FilterFollowersAsync(star, [fan, former, stranger, star], default));
        Assert.Empty(await Db.Follows.FilterFollowersAsync(star, [], default));
        Assert.Empty(await Db.Follows.FilterFollowersAsync(stranger, [fan, former], default));
    }

    [Fact]
    public async Task Following_yourself_is_rejected()
    {
        var alice = await NewUserAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => FollowAsync(alice, alice));
    }

    [Fact]
    public async Task Concurrent_follows_count_each_relationship_exactly_once_and_never_deadlock()
    {
        var star = await NewUserAsync();
        var fans = await NewUsersAsync(40);

        // Every fan follows twice at once (a redelivery racing the original), and each pair of fans follow each
        // other at once, so transactions touch the same counter rows in opposite directions.
        var follows = fans.SelectMany(fan => new[] { FollowAsync(fan, star), FollowAsync(fan, star) })
            .Concat(fans.Select((fan, i) => FollowAsync(fan, fans[(i + 1) % fans.Count])))
            .Concat(fans.Select((fan, i) => FollowAsync(fans[(i + 1) % fans.Count], fan)));
        var changes = await Task.WhenAll(follows).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(fans.Count * 3, changes.Count(change => change.Changed));
        Assert.Equal(new UserCounts(fans.Count, 0, 0), await Db.Users.GetCountsAsync(star, default));
        Assert.Equal(new UserCounts(2, 3, 0), await Db.Users.GetCountsAsync(fans[7], default));
    }

    [Fact]
    public async Task Followers_and_following_are_listed_newest_follow_first_page_by_page()
    {
        var star = await NewUserAsync();
        var fans = await NewUsersAsync(7);
        for (var i = 0; i < fans.Count; i++)
        {
            await FollowAsync(fans[i], star, atSeconds: i);
            await FollowAsync(star, fans[i], atSeconds: 100 - i);
        }

        await FollowAsync(fans[3], star, following: false);
        var expectedFollowers = new[] { 6, 5, 4, 2, 1, 0 }.Select(i => fans[i]).ToList();

        Assert.Equal(expectedFollowers, await ReadAllAsync((limit, cursor) => Db.Follows.GetFollowersAsync(star, limit, cursor, default), 4));
        Assert.Equal(fans, await ReadAllAsync((limit, cursor) => Db.Follows.GetFollowingAsync(star, limit, cursor, default), 3));
        var first = await Db.Follows.GetFollowersAsync(star, 2, null, default);
        Assert.Equal(new UserSummary(fans[6], "u" + fans[6], "User " + fans[6]), first.Items[0]);

        var all = await Db.Follows.GetFollowersAsync(star, 6, null, default);
        Assert.Equal(6, all.Items.Count);
        Assert.Null(all.NextCursor);
        Assert.Empty((await Db.Follows.GetFollowersAsync(await NewUserAsync(), 10, null, default)).Items);
    }

    [Fact]
    public async Task A_refollow_moves_the_follower_to_the_top_and_an_idempotent_follow_does_not()
    {
        var star = await NewUserAsync();
        var fans = await NewUsersAsync(3);
        for (var i = 0; i < fans.Count; i++)
        {
            await FollowAsync(fans[i], star, atSeconds: i);
        }

        await FollowAsync(fans[1], star, atSeconds: 50);
        await FollowAsync(fans[0], star, atSeconds: 60, following: false);
        await FollowAsync(fans[0], star, atSeconds: 70);

        var page = await Db.Follows.GetFollowersAsync(star, 10, null, default);
        Assert.Equal([fans[0], fans[2], fans[1]], page.Items.Select(item => item.UserId));
    }

    [Fact]
    public async Task Paging_while_follows_arrive_never_repeats_or_skips_a_follower_that_was_there_at_the_start()
    {
        var star = await NewUserAsync();
        var before = await NewUsersAsync(12);
        for (var i = 0; i < before.Count; i++)
        {
            // Pairs share a follow time, so the user id must break ties.
            await FollowAsync(before[i], star, atSeconds: i / 2);
        }

        var newcomers = await NewUsersAsync(30);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Db.Follows.GetFollowersAsync(star, 5, cursor, default);
            seen.AddRange(page.Items.Select(item => item.UserId));
            cursor = page.NextCursor;

            // Between pages: newer follows, follows stamped in the past (another silo's clock), at a tied time.
            await FollowAsync(newcomers[pages * 3], star, atSeconds: 1000 + pages);
            await FollowAsync(newcomers[(pages * 3) + 1], star, atSeconds: -5);
            await FollowAsync(newcomers[(pages * 3) + 2], star, atSeconds: 2);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(Enumerable.Reverse(before), seen.Where(before.Contains));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("123")]
    [InlineData(":123")]
    [InlineData("123:")]
    [InlineData("123:abc")]
    [InlineData("abc:123")]
    [InlineData("1:2:3")]
    [InlineData("99999999999999999999:1")]
    [InlineData("9223372036854775807:1")]
    public async Task A_malformed_cursor_is_an_argument_error(string cursor)
    {
        var user = await NewUserAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Follows.GetFollowersAsync(user, 10, cursor, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Follows.GetFollowingAsync(user, 10, cursor, default));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task A_limit_out_of_range_is_an_argument_error(int limit)
    {
        var user = await NewUserAsync();
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Db.Follows.GetFollowersAsync(user, limit, null, default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Db.Follows.GetSuggestionsAsync(user, limit, default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Db.Feeds.GetEntriesAsync(user, limit, null, default));
    }

    [Fact]
    public async Task Follower_ids_come_in_ascending_id_pages_for_fan_out()
    {
        var star = await NewUserAsync();
        var fans = await NewUsersAsync(25);
        foreach (var fan in fans.AsEnumerable().Reverse())
        {
            await FollowAsync(fan, star);
        }

        await FollowAsync(fans[10], star, following: false);
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Db.Follows.GetFollowerIdsAsync(star, 8, cursor, default);
            Assert.True(page.Ids.Count <= 8);
            ids.AddRange(page.Ids);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(fans.Where((_, i) => i != 10), ids);
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Follows.GetFollowerIdsAsync(star, 8, "1:2", default));
    }

    /// <summary>Reads a whole list through its cursors and returns the user ids in order.</summary>
    private static async Task<List<string>> ReadAllAsync(Func<int, string?, Task<Page<UserSummary>>> read, int limit)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await read(limit, cursor);
            Assert.True(page.Items.Count <= limit);
            Assert.True(page.NextCursor is null || page.Items.Count == limit);
            ids.AddRange(page.Items.Select(item => item.UserId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return ids;
    }
}
