using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    /// <summary>Text that exercises what UTF-8 storage gets wrong: astral emoji, ZWJ sequences, combining marks, RTL.</summary>
    protected const string Unicode = "Zoë ✨ naïve café — 日本語 🎉 👩‍👩‍👧‍👦 👍🏽 e\u0301 שלום مرحبا \u200F \"q\" \\ 'x' \n\t end";

    [Fact]
    public async Task Upsert_then_get_round_trips_and_an_update_keeps_the_creation_time()
    {
        var id = NewId();
        var created = Epoch.ToOffset(TimeSpan.FromHours(5.5));
        await Db.Users.UpsertAsync(new UserRecord(id, "alice", "Alice", "", created), default);
        Assert.Equal(new UserRecord(id, "alice", "Alice", "", Epoch), await Db.Users.GetAsync(id, default));

        await Db.Users.UpsertAsync(new UserRecord(id, "alice", "Alice A.", "bio", At(99)), default);

        Assert.Equal(new UserRecord(id, "alice", "Alice A.", "bio", Epoch), await Db.Users.GetAsync(id, default));
    }

    [Fact]
    public async Task An_unknown_user_is_null_with_zero_counts()
    {
        Assert.Null(await Db.Users.GetAsync(NewId(), default));
        Assert.Equal(new UserCounts(0, 0, 0), await Db.Users.GetCountsAsync(NewId(), default));
    }

    [Fact]
    public async Task Unicode_text_round_trips_exactly_in_every_table()
    {
        var user = NewId();
        await Db.Users.UpsertAsync(new UserRecord(user, "zoe", Unicode, Unicode + "!", Epoch), default);
        var post = NewId();
        await Db.Posts.AddAsync(new PostRecord(post, user, "zoe", Unicode, null, Epoch), [], default);
        var comment = new CommentRecord(NewId(), post, user, Unicode, Unicode, Epoch);
        await Db.Engagement.AddCommentAsync(comment, default);
        var notification = new NotificationRecord(NewId(), user, NotificationTypes.Mention, user, Unicode, post, Epoch, false);
        await Db.Notifications.AddAsync(notification, default);

        var stored = await Db.Users.GetAsync(user, default);
        Assert.Equal(Unicode, stored!.DisplayName);
        Assert.Equal(Unicode + "!", stored.Bio);
        Assert.Equal(Unicode, (await Db.Posts.GetAsync(post, default))!.Text);
        Assert.Equal(comment, Assert.Single(await Db.Engagement.GetCommentsAsync(post, 10, null, default)));
        Assert.Equal(notification, Assert.Single(await Db.Notifications.GetPageAsync(user, 10, null, default)));
    }

    // By index: xunit would serialize the strings themselves and mend the lone surrogates on the way.
    private static readonly string[] Unstorable = ["nul \0 inside", "lone high \uD83D surrogate", "lone low \uDE00 surrogate", "reversed \uDE00\uD83D", "\uD83D"];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Text_with_nul_or_an_unpaired_surrogate_is_rejected_before_it_reaches_the_database(int index)
    {
        var text = Unstorable[index];
        var user = NewId();
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Users.UpsertAsync(new UserRecord(user, "h", text, "", Epoch), default));
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Posts.AddAsync(new PostRecord(NewId(), user, "h", text, null, Epoch), [], default));
        await Assert.ThrowsAsync<ArgumentException>(
            () => Db.Engagement.AddCommentAsync(new CommentRecord(NewId(), NewId(), user, "h", text, Epoch), default));

        Assert.Null(await Db.Users.GetAsync(user, default));
        Assert.Equal(new UserCounts(0, 0, 0), await Db.Users.GetCountsAsync(user, default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("007")]
    [InlineData(" 7")]
    [InlineData("7 ")]
    [InlineData("1.5")]
    [InlineData("١٢٣")]
    [InlineData("9223372036854775808")]
    public async Task Ids_that_are_not_positive_64_bit_decimal_integers_are_rejected(string id)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Users.GetAsync(id, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Posts.GetByAuthorAsync(NewId(), 10, id, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Db.Feeds.AddToFeedsAsync(NewId(), NewId(), [NewId(), id], default));
    }

    [Fact]
    public async Task The_largest_64_bit_id_round_trips()
    {
        const string id = "9223372036854775807";
        await Db.Users.UpsertAsync(new UserRecord(id, "max", "Max", "", Epoch), default);
        Assert.Equal(id, (await Db.Users.GetAsync(id, default))!.UserId);
    }

    [Fact]
    public async Task A_handle_held_by_another_user_is_refused()
    {
        await Db.Users.UpsertAsync(new UserRecord(NewId(), "taken", "A", "", Epoch), default);

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Db.Users.UpsertAsync(new UserRecord(NewId(), "taken", "B", "", Epoch), default));
    }

    [Fact]
    public async Task Data_survives_disposing_and_reopening_the_stores_on_the_same_database()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        await FollowAsync(alice, bob);
        var post = await NewPostAsync(bob, Unicode);
        await Db.Feeds.AddToFeedsAsync(post, bob, [alice], default);
        await Db.Engagement.AddLikeAsync(post, alice, default);
        await Db.Engagement.AddCommentAsync(new CommentRecord(NewId(), post, alice, "ua", "nice", Epoch), default);
        await Db.Notifications.AddAsync(new NotificationRecord(NewId(), bob, NotificationTypes.Like, alice, "ua", post, Epoch, false), default);

        var reopened = await ReopenAsync(Db);

        Assert.Equal("u" + alice, (await reopened.Users.GetAsync(alice, default))!.Handle);
        Assert.Equal(new UserCounts(1, 0, 1), await reopened.Users.GetCountsAsync(bob, default));
        Assert.True(await reopened.Follows.IsFollowingAsync(alice, bob, default));
        Assert.Equal(Unicode, (await reopened.Posts.GetAsync(post, default))!.Text);
        Assert.Equal([new FeedEntry(post, bob)], await reopened.Feeds.GetEntriesAsync(alice, 10, null, default));
        Assert.Equal([alice], await reopened.Engagement.GetLikersAsync(post, default));
        Assert.Equal(1, await reopened.Engagement.CountCommentsAsync(post, default));
        Assert.Equal(1, await reopened.Notifications.CountUnreadAsync(bob, default));
    }
}
