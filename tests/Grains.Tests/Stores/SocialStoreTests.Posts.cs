using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task Adding_a_post_twice_stores_and_counts_it_once()
    {
        var author = await NewUserAsync();
        var reply = new PostRecord(NewId(), author, "ua", "a reply", NewId(), At(1.5));
        await Db.Posts.AddAsync(reply, [], default);
        await Db.Posts.AddAsync(reply with { Text = "replayed" }, [], default);

        Assert.Equal(reply, await Db.Posts.GetAsync(reply.PostId, default));
        Assert.Equal(new UserCounts(0, 0, 1), await Db.Users.GetCountsAsync(author, default));
    }

    [Fact]
    public async Task Removing_a_post_is_idempotent_and_uncounts_it_once()
    {
        var author = await NewUserAsync();
        var (kept, removed) = (await NewPostAsync(author), await NewPostAsync(author));

        Assert.True(await Db.Posts.RemoveAsync(removed, default));
        Assert.False(await Db.Posts.RemoveAsync(removed, default));
        Assert.False(await Db.Posts.RemoveAsync(NewId(), default));

        Assert.Null(await Db.Posts.GetAsync(removed, default));
        Assert.NotNull(await Db.Posts.GetAsync(kept, default));
        Assert.Equal(new UserCounts(0, 0, 1), await Db.Users.GetCountsAsync(author, default));
    }

    [Fact]
    public async Task An_authors_posts_are_listed_newest_first_before_a_given_post()
    {
        var (author, other) = (await NewUserAsync(), await NewUserAsync());
        var posts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            posts.Add(await NewPostAsync(author, $"post {i}"));
            await NewPostAsync(other);
        }

        var newest = await Db.Posts.GetByAuthorAsync(author, 2, null, default);
        Assert.Equal([posts[4], posts[3]], newest.Select(post => post.PostId));
        Assert.Equal("post 4", newest[0].Text);
        Assert.Equal(author, newest[0].AuthorId);
        Assert.Equal([posts[2], posts[1], posts[0]], (await Db.Posts.GetByAuthorAsync(author, 10, posts[3], default)).Select(post => post.PostId));
        Assert.Empty(await Db.Posts.GetByAuthorAsync(author, 10, posts[0], default));
        Assert.Equal(new UserCounts(0, 0, 5), await Db.Users.GetCountsAsync(author, default));
    }

    [Fact]
    public async Task Ids_order_numerically_not_as_text()
    {
        // "9" sorts after "10" as text; as time-sortable integers 10 is newer.
        var author = await NewUserAsync();
        foreach (var id in new[] { "9", "10", "100" })
        {
            await Db.Posts.AddAsync(new PostRecord(id, author, "ua", id, null, Epoch), [], default);
        }

        Assert.Equal(["100", "10", "9"], (await Db.Posts.GetByAuthorAsync(author, 10, null, default)).Select(post => post.PostId));
        Assert.Equal(["9"], (await Db.Posts.GetByAuthorAsync(author, 10, "10", default)).Select(post => post.PostId));
    }

    [Fact]
    public async Task The_timeline_holds_the_users_own_posts_and_those_of_whom_they_follow_now_newest_first()
    {
        var (reader, followed, unfollowed, stranger) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        await FollowAsync(reader, followed);
        await FollowAsync(reader, unfollowed);
        await FollowAsync(reader, unfollowed, following: false);
        var own = await NewPostAsync(reader);
        var theirs = new[] { await NewPostAsync(followed), await NewPostAsync(followed) };
        await NewPostAsync(unfollowed);
        await NewPostAsync(stranger);

        Assert.Equal(
            [new FeedEntry(theirs[1], followed), new FeedEntry(theirs[0], followed), new FeedEntry(own, reader)],
            await Db.Posts.GetTimelineAsync(reader, 10, default));
        Assert.Equal([new FeedEntry(theirs[1], followed)], await Db.Posts.GetTimelineAsync(reader, 1, default));
        Assert.Empty(await Db.Posts.GetTimelineAsync(NewId(), 10, default));
    }
}
