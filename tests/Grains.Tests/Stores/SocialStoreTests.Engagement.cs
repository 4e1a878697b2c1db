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
