using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Notifications for follows, likes, comments and mentions, the unread count and paging (api.md, "Feed and notifications"). Abstract: each test project binds it to
/// its <see cref="IApiUnderTest"/> fixture with a sealed subclass.
/// </summary>
public abstract class NotificationsContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task Follows_likes_comments_and_mentions_notify_with_an_unread_count_until_marked_read()
    {
        var alice = await _api.NewClient().RegisterAsync();
        var bob = await _api.NewClient().RegisterAsync();
        var postId = (await alice.CreatePostAsync("hello")).GetProperty("postId").GetString();

        await bob.FollowAsync(alice);
        await Expect.StatusAsync(await bob.PutAsync($"/api/v1/posts/{postId}/like"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await bob.PostAsync($"/api/v1/posts/{postId}/comments", new { text = "nice" }), HttpStatusCode.Created);
        await bob.CreatePostAsync($"hey @{alice.Handle} look");

        JsonElement page = default;
        await Expect.EventuallyAsync(async () =>
        {
            page = await alice.GetJsonAsync("/api/v1/notifications");
            Assert.Equal(4, page.GetProperty("unread").GetInt64());
        });

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["comment", "follow", "like", "mention"], items.Select(i => i.GetProperty("type").GetString()!).Order().ToArray());
        Assert.All(items, i => Assert.Equal(bob.UserId, i.GetProperty("actorId").GetString()));
        Assert.All(items, i => Assert.Equal(bob.Handle, i.GetProperty("actorHandle").GetString()));
        Assert.All(items, i => Assert.False(i.GetProperty("read").GetBoolean()));
        Assert.Equal(postId, items.Single(i => i.GetProperty("type").GetString() == "like").GetProperty("postId").GetString());
        Assert.True(page.TryGetProperty("nextCursor", out _));

        var read = await alice.PostAsync("/api/v1/notifications/read");
        await Expect.StatusAsync(read, HttpStatusCode.NoContent);
        Assert.Empty(await read.Content.ReadAsByteArrayAsync());
        var after = await alice.GetJsonAsync("/api/v1/notifications");
        Assert.Equal(0, after.GetProperty("unread").GetInt64());
        Assert.All(after.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("read").GetBoolean()));
    }

    [Fact]
    public async Task A_mention_in_a_comment_notifies_the_mentioned_user_and_the_author_hears_of_the_comment()
    {
        var author = await _api.NewClient().RegisterAsync();
        var commenter = await _api.NewClient().RegisterAsync();
        var mentioned = await _api.NewClient().RegisterAsync();
        var postId = (await author.CreatePostAsync("discuss")).GetProperty("postId").GetString();

        await Expect.StatusAsync(
            await commenter.PostAsync($"/api/v1/posts/{postId}/comments", new { text = $"what do you think, @{mentioned.Handle}?" }), HttpStatusCode.Created);

        await Expect.EventuallyAsync(async () =>
        {
            var item = Assert.Single((await mentioned.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray());
            Assert.Equal(("mention", commenter.UserId, commenter.Handle, postId), (
                item.GetProperty("type").GetString(), item.GetProperty("actorId").GetString(),
                item.GetProperty("actorHandle").GetString(), item.GetProperty("postId").GetString()));
        });
        await Expect.EventuallyAsync(async () =>
        {
            var item = Assert.Single((await author.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray());
            Assert.Equal(("comment", commenter.UserId, postId), (
                item.GetProperty("type").GetString(), item.GetProperty("actorId").GetString(), item.GetProperty("postId").GetString()));
        });
    }

    [Fact]
    public async Task Notifications_page_with_cursors()
    {
        var star = await _api.NewClient().RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            await (await _api.NewClient().RegisterAsync()).FollowAsync(star);
        }

        await Expect.EventuallyAsync(async () => Assert.Equal(3, (await star.GetJsonAsync("/api/v1/notifications")).GetProperty("unread").GetInt64()));
        var first = await star.GetJsonAsync("/api/v1/notifications?limit=2");
        var second = await star.GetJsonAsync($"/api/v1/notifications?limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");

        var ids = Expect.Ids(first, "notificationId").Concat(Expect.Ids(second, "notificationId")).ToList();
        Assert.Equal(3, ids.Distinct().Count());
    }
}
