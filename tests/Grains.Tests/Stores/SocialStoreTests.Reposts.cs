using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task A_repost_is_stored_once_per_user_and_listed_newest_first()
    {
        var author = await NewUserAsync();
        var (first, second) = (await NewUserAsync(), await NewUserAsync());
        var post = await NewPostAsync(author);
        var earlier = new RepostRecord(NewId(), post, author, first, At(1));
        var later = new RepostRecord(NewId(), post, author, second, At(2));

        Assert.True(await Db.Reposts.AddAsync(earlier, default));
        Assert.False(await Db.Reposts.AddAsync(earlier with { RepostId = NewId() }, default));
        Assert.True(await Db.Reposts.AddAsync(later, default));

        Assert.Equal([earlier, later], (await Db.Reposts.GetByPostAsync(post, default)).OrderBy(static r => r.RepostId));
        Assert.Equal([second, first], (await Db.Reposts.ListRepostersAsync(post, 10, null, default)).Items.Select(static u => u.UserId));
        var page = await Db.Reposts.ListRepostersAsync(post, 1, null, default);
        Assert.Equal([first], (await Db.Reposts.ListRepostersAsync(post, 1, page.NextCursor, default)).Items.Select(static u => u.UserId));
        Assert.Equal([post], await Db.Reposts.GetRepostedAmongAsync(first, [post, NewId()], default));
        Assert.Equal([earlier], await Db.Reposts.GetByUserAsync(first, 10, null, default));

        Assert.True(await Db.Reposts.RemoveAsync(post, first, default));
        Assert.False(await Db.Reposts.RemoveAsync(post, first, default));
        await Db.Reposts.RemovePostAsync(post, default);
        Assert.Empty(await Db.Reposts.GetByPostAsync(post, default));
    }

    [Fact]
    public async Task A_repost_enters_a_feed_at_its_own_position_once_and_only_where_the_post_is_not_yet()
    {
        var (author, reposter, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (reader, authorsFollower) = (await NewUserAsync(), await NewUserAsync());
        await FollowAsync(reader, reposter);
        await FollowAsync(reader, other);
        await FollowAsync(authorsFollower, reposter);
        var post = await NewPostAsync(author);
        var newer = await NewPostAsync(other);
        await Db.Feeds.AddToFeedsAsync(newer, other, [reader], default);
        await Db.Feeds.AddToFeedsAsync(post, author, [authorsFollower], default);
        var repost = new RepostRecord(NewId(), post, author, reposter, At(3));

        await Db.Feeds.AddRepostToFeedsAsync(repost, [reader, authorsFollower], default);
        await Db.Feeds.AddRepostToFeedsAsync(repost, [reader], default);
        await Db.Feeds.AddRepostToFeedsAsync(new RepostRecord(NewId(), post, author, other, At(4)), [reader], default);
        await Db.Feeds.AddToFeedsAsync(post, author, [reader], default);

        // The repost entered after the newer post, so it comes first; the reader has the post once, through the first
        // repost; the author's follower has it from the author.
        Assert.Equal(
            [new FeedEntry(post, author, reposter, repost.RepostId), new FeedEntry(newer, other)],
            await Db.Feeds.GetEntriesAsync(reader, 10, null, default));
        Assert.Equal([new FeedEntry(newer, other)], await Db.Feeds.GetEntriesAsync(reader, 10, repost.RepostId, default));
        Assert.Equal([new FeedEntry(post, author)], await Db.Feeds.GetEntriesAsync(authorsFollower, 10, null, default));
    }

    [Fact]
    public async Task Undoing_a_repost_or_deleting_the_post_removes_exactly_what_the_reposts_brought()
    {
        var (author, reposter, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var (reader, authorsFollower) = (await NewUserAsync(), await NewUserAsync());
        await FollowAsync(reader, reposter);
        await FollowAsync(authorsFollower, author);
        await FollowAsync(authorsFollower, other);
        var (post, kept) = (await NewPostAsync(author), await NewPostAsync(author));
        await Db.Feeds.AddToFeedsAsync(post, author, [authorsFollower, author], default);
        foreach (var (repostOf, by) in new[] { (post, reposter), (kept, reposter), (post, other) })
        {
            var repost = new RepostRecord(NewId(), repostOf, author, by, At(5));
            await Db.Reposts.AddAsync(repost, default);
            await Db.Feeds.AddRepostToFeedsAsync(repost, by == reposter ? [reader] : [authorsFollower], default);
        }

        await Db.Feeds.RemoveRepostAsync(kept, reposter, default);
        Assert.Equal([post], (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Select(static e => e.PostId));

        await Db.Feeds.RemovePostAsync(post, author, default);
        Assert.Empty(await Db.Feeds.GetEntriesAsync(reader, 10, null, default));
        Assert.Empty(await Db.Feeds.GetEntriesAsync(authorsFollower, 10, null, default));
        Assert.Empty(await Db.Feeds.GetEntriesAsync(author, 10, null, default));
    }

    [Fact]
    public async Task Unfollowing_a_reposter_removes_their_reposts_and_a_trim_counts_posts_and_reposts_together()
    {
        var (author, reposter, reader) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await FollowAsync(reader, reposter);
        await FollowAsync(reader, author);
        var posts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            posts.Add(await NewPostAsync(author));
            await Db.Feeds.AddToFeedsAsync(posts[^1], author, [reader], default);
        }

        var reposted = await NewPostAsync(author);
        var repost = new RepostRecord(NewId(), reposted, author, reposter, At(6));
        await Db.Feeds.AddRepostToFeedsAsync(repost, [reader], default);

        await Db.Feeds.TrimAsync(reader, 2, default);
        Assert.Equal([reposted, posts[2]], (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Select(static e => e.PostId));

        await Db.Feeds.RemoveAuthorAsync(reader, reposter, default);
        Assert.Equal([posts[2]], (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Select(static e => e.PostId));

        // The repost can come back once it is gone (the feed forgets it was there).
        await Db.Feeds.AddRepostToFeedsAsync(repost, [reader], default);
        Assert.Equal([reposted, posts[2]], (await Db.Feeds.GetEntriesAsync(reader, 10, null, default)).Select(static e => e.PostId));
    }
}
