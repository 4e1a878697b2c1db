using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// The home feed: whose posts, in which order, paged without repeats or gaps (api.md, "Feed and notifications"). Abstract: each test project binds it to
/// its <see cref="IApiUnderTest"/> fixture with a sealed subclass.
/// </summary>
public abstract class FeedContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task The_feed_holds_own_and_followees_posts_newest_first()
    {
        var reader = await _api.NewClient().RegisterAsync();
        var followed = await _api.NewClient().RegisterAsync();
        var stranger = await _api.NewClient().RegisterAsync();
        await reader.FollowAsync(followed);

        var a = (await followed.CreatePostAsync("from followed")).GetProperty("postId").GetString()!;
        var b = (await reader.CreatePostAsync("my own")).GetProperty("postId").GetString()!;
        await stranger.CreatePostAsync("from a stranger");
        var c = (await followed.CreatePostAsync("followed again")).GetProperty("postId").GetString()!;

        await Expect.EventuallyAsync(async () => Assert.Equal([c, b, a], Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));
    }

    [Fact]
    public async Task Following_backfills_recent_posts_unfollowing_removes_them_and_deleted_posts_vanish()
    {
        var reader = await _api.NewClient().RegisterAsync();
        var author = await _api.NewClient().RegisterAsync();
        var kept = (await author.CreatePostAsync("kept")).GetProperty("postId").GetString()!;
        var deleted = (await author.CreatePostAsync("deleted later")).GetProperty("postId").GetString()!;

        await reader.FollowAsync(author);
        await Expect.EventuallyAsync(async () => Assert.Equal([deleted, kept], Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));

        await Expect.StatusAsync(await author.DeleteAsync($"/api/v1/posts/{deleted}"), HttpStatusCode.NoContent);
        await Expect.EventuallyAsync(async () => Assert.Equal([kept], Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));

        await Expect.StatusAsync(await reader.DeleteAsync($"/api/v1/users/{author.UserId}/follow"), HttpStatusCode.NoContent);
        await Expect.EventuallyAsync(async () => Assert.Empty(Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));
    }

    [Fact]
    public async Task Paging_while_new_posts_arrive_neither_repeats_nor_skips()
    {
        var reader = await _api.NewClient().RegisterAsync();
        var author = await _api.NewClient().RegisterAsync();
        await reader.FollowAsync(author);
        var original = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            original.Add((await author.CreatePostAsync($"post {i}")).GetProperty("postId").GetString()!);
        }

        original.Reverse();
        await Expect.EventuallyAsync(async () => Assert.Equal(9, Expect.Ids(await reader.GetJsonAsync("/api/v1/feed?limit=100"), "postId").Count));

        var seen = new List<string>();
        var page = await reader.GetJsonAsync("/api/v1/feed?limit=4");
        seen.AddRange(Expect.Ids(page, "postId"));
        for (var i = 0; i < 3; i++)
        {
            await author.CreatePostAsync($"arrived while paging {i}");
        }

        while (page.GetProperty("nextCursor").GetString() is { } cursor)
        {
            page = await reader.GetJsonAsync($"/api/v1/feed?limit=4&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(Expect.Ids(page, "postId"));
        }

        Assert.Equal(original, seen);
    }

    [Fact]
    public async Task A_cursor_from_another_list_or_another_user_or_made_up_is_400()
    {
        var reader = await _api.NewClient().RegisterAsync();
        var other = await _api.NewClient().RegisterAsync();
        for (var i = 0; i < 3; i++)
        {
            await reader.CreatePostAsync($"p{i}");
            await other.FollowAsync(await _api.NewClient().RegisterAsync());
        }

        await Expect.EventuallyAsync(async () => Assert.Equal(3, Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId").Count));
        var feedCursor = (await reader.GetJsonAsync("/api/v1/feed?limit=1")).GetProperty("nextCursor").GetString()!;
        var followingCursor = (await other.GetJsonAsync("/api/v1/users/me/following?limit=1")).GetProperty("nextCursor").GetString()!;
        var postsCursor = (await reader.GetJsonAsync("/api/v1/users/me/posts?limit=1")).GetProperty("nextCursor").GetString()!;

        var cases = new (ApiClient Client, string Path)[]
        {
            (reader, $"/api/v1/feed?cursor={Uri.EscapeDataString(followingCursor)}"),
            (reader, $"/api/v1/feed?cursor={Uri.EscapeDataString(postsCursor)}"),
            (other, $"/api/v1/feed?cursor={Uri.EscapeDataString(feedCursor)}"),
            (reader, $"/api/v1/notifications?cursor={Uri.EscapeDataString(feedCursor)}"),
            (other, $"/api/v1/users/{reader.UserId}/following?cursor={Uri.EscapeDataString(followingCursor)}"),
            (reader, $"/api/v1/users/me/suggestions?cursor={Uri.EscapeDataString(feedCursor)}"),
            (reader, "/api/v1/feed?cursor=1234"),
            (reader, "/api/v1/feed?cursor="),
        };
        foreach (var (client, path) in cases)
        {
            await Expect.ProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "cursor");
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task A_limit_outside_1_to_100_is_400(string limit)
    {
        var reader = await _api.NewClient().RegisterAsync();

        await Expect.ProblemAsync(await reader.GetAsync($"/api/v1/feed?limit={limit}"), HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task The_default_page_is_20_and_the_last_page_has_a_null_cursor()
    {
        var reader = await _api.NewClient().RegisterAsync();
        for (var i = 0; i < 21; i++)
        {
            await reader.CreatePostAsync($"post {i}");
        }

        await Expect.EventuallyAsync(async () => Assert.Equal(21, Expect.Ids(await reader.GetJsonAsync("/api/v1/feed?limit=100"), "postId").Count));
        var first = await reader.GetJsonAsync("/api/v1/feed");
        var last = await reader.GetJsonAsync($"/api/v1/feed?cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");

        Assert.Equal(20, Expect.Ids(first, "postId").Count);
        Assert.Single(Expect.Ids(last, "postId"));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("nextCursor").ValueKind);
    }
}
