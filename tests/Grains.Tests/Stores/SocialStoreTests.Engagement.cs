using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task Likes_are_idempotent_per_user()
    {
        var (author, alice, bob) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var post = await NewPostAsync(author);

        Assert.True(await Db.Engagement.AddLikeAsync(post, alice, default));
        Assert.False(await Db.Engagement.AddLikeAsync(post, alice, default));
        Assert.True(await Db.Engagement.AddLikeAsync(post, bob, default));
        Assert.Equal(new[] { alice, bob }.Order(), (await Db.Engagement.GetLikersAsync(post, default)).Order());

        Assert.True(await Db.Engagement.RemoveLikeAsync(post, alice, default));
        Assert.False(await Db.Engagement.RemoveLikeAsync(post, alice, default));
        Assert.Equal([bob], await Db.Engagement.GetLikersAsync(post, default));
        Assert.Empty(await Db.Engagement.GetLikersAsync(NewId(), default));
    }

    [Fact]
    public async Task Liked_among_answers_which_of_a_page_of_posts_the_user_likes()
    {
        var (author, alice, bob) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var posts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            posts.Add(await NewPostAsync(author));
        }

        await Db.Engagement.AddLikeAsync(posts[0], alice, default);
        await Db.Engagement.AddLikeAsync(posts[2], alice, default);
        await Db.Engagement.AddLikeAsync(posts[1], bob, default);

        Assert.Equal(new[] { posts[0], posts[2] }.Order(), (await Db.Engagement.GetLikedAmongAsync(alice, posts, default)).Order());
        Assert.Equal([posts[1]], await Db.Engagement.GetLikedAmongAsync(bob, posts, default));
        Assert.Empty(await Db.Engagement.GetLikedAmongAsync(alice, [posts[1], posts[3], NewId()], default));
        Assert.Empty(await Db.Engagement.GetLikedAmongAsync(alice, [], default));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Db.Engagement.GetLikedAmongAsync(alice, ["not-an-id"], default));
    }

    [Fact]
    public async Task Comments_are_listed_oldest_first_page_by_page_and_stored_once_per_id()
    {
        var (author, commenter) = (await NewUserAsync(), await NewUserAsync());
        var (post, otherPost) = (await NewPostAsync(author), await NewPostAsync(author));
        var comments = new List<CommentRecord>();
        for (var i = 0; i < 5; i++)
        {
            comments.Add(new CommentRecord(NewId(), post, commenter, "u" + commenter, $"comment {i}", At(i)));
            await Db.Engagement.AddCommentAsync(comments[^1], default);
        }

        await Db.Engagement.AddCommentAsync(comments[2] with { Text = "replayed" }, default);
        await Db.Engagement.AddCommentAsync(new CommentRecord(NewId(), otherPost, commenter, "x", "elsewhere", Epoch), default);

        Assert.Equal(comments[..2], await Db.Engagement.GetCommentsAsync(post, 2, null, default));
        Assert.Equal(comments[2..4], await Db.Engagement.GetCommentsAsync(post, 2, comments[1].CommentId, default));
        Assert.Equal(comments[4..], await Db.Engagement.GetCommentsAsync(post, 2, comments[3].CommentId, default));
        Assert.Empty(await Db.Engagement.GetCommentsAsync(post, 2, comments[4].CommentId, default));
        Assert.Equal(5, await Db.Engagement.CountCommentsAsync(post, default));
        Assert.Equal(0, await Db.Engagement.CountCommentsAsync(NewId(), default));
    }
}
