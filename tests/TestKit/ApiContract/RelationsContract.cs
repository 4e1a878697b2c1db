using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Blocks and mutes (api.md, "Blocks and mutes"): every rule, with A blocking (or muting) B. Abstract: each test project
/// binds it to its <see cref="IApiUnderTest"/> fixture.
/// </summary>
public abstract class RelationsContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;
    private readonly string _word = "w" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Block_and_mute_are_idempotent_and_refuse_yourself_and_unknown_users()
    {
        var a = await _api.NewClient().RegisterAsync();
        var b = await _api.NewClient().RegisterAsync();

        foreach (var kind in new[] { "block", "mute" })
        {
            await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/{kind}"), HttpStatusCode.NoContent);
            await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/{kind}"), HttpStatusCode.NoContent);
            await Expect.ProblemAsync(await a.PutAsync($"/api/v1/users/{a.UserId}/{kind}"), HttpStatusCode.BadRequest, "userId");
            await Expect.ProblemAsync(await a.PutAsync($"/api/v1/users/me/{kind}"), HttpStatusCode.BadRequest, "userId");
            await Expect.ProblemAsync(await a.PutAsync($"/api/v1/users/999999999999/{kind}"), HttpStatusCode.NotFound);
            await Expect.ProblemAsync(await a.PutAsync($"/api/v1/users/not-an-id/{kind}"), HttpStatusCode.NotFound);
            await Expect.StatusAsync(await a.DeleteAsync($"/api/v1/users/{b.UserId}/{kind}"), HttpStatusCode.NoContent);
            await Expect.StatusAsync(await a.DeleteAsync($"/api/v1/users/{b.UserId}/{kind}"), HttpStatusCode.NoContent);
            await Expect.ProblemAsync(await a.DeleteAsync($"/api/v1/users/{a.UserId}/{kind}"), HttpStatusCode.BadRequest, "userId");
        }

        await Expect.ProblemAsync(await _api.NewClient().PutAsync($"/api/v1/users/{b.UserId}/block"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_block_ends_the_follows_both_ways_and_neither_may_follow_until_unblocked()
    {
        var a = await _api.NewClient().RegisterAsync();
        var b = await _api.NewClient().RegisterAsync();
        await a.FollowAsync(b);
        await b.FollowAsync(a);

        await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/block"), HttpStatusCode.NoContent);

        var profile = await a.GetJsonAsync($"/api/v1/users/{b.UserId}");
        Assert.Equal((0, 0, false, true, false), Counts(profile));
        Assert.Equal((0, 0), (Counts(await a.GetJsonAsync("/api/v1/users/me")).Followers, Counts(await a.GetJsonAsync("/api/v1/users/me")).Following));
        await Expect.ProblemAsync(await b.PutAsync($"/api/v1/users/{a.UserId}/follow"), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/follow"), HttpStatusCode.Forbidden);

        await Expect.StatusAsync(await a.DeleteAsync($"/api/v1/users/{b.UserId}/block"), HttpStatusCode.NoContent);
        Assert.Equal((0, 0, false, false, false), Counts(await a.GetJsonAsync($"/api/v1/users/{b.UserId}")));
        await Expect.StatusAsync(await b.PutAsync($"/api/v1/users/{a.UserId}/follow"), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_blocker_is_invisible_to_the_blocked_user_who_cannot_like_or_comment_on_their_posts()
    {
        var a = await _api.NewClient().RegisterAsync();
        var b = await _api.NewClient().RegisterAsync();
        var c = await _api.NewClient().RegisterAsync();
        var post = (await a.CreatePostAsync("by the blocker")).GetProperty("postId").GetString()!;
        var other = (await c.CreatePostAsync("a third user's post")).GetProperty("postId").GetString()!;
        await Expect.StatusAsync(await a.PostAsync($"/api/v1/posts/{other}/comments", new { text = "the blocker's comment" }), HttpStatusCode.Created);
        await Expect.StatusAsync(await c.PostAsync($"/api/v1/posts/{other}/comments", new { text = "another comment" }), HttpStatusCode.Created);

        await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/block"), HttpStatusCode.NoContent);

        foreach (var path in new[]
                 {
                     $"/api/v1/users/{a.UserId}", $"/api/v1/users/{a.Handle}", $"/api/v1/users/{a.UserId}/posts",
                     $"/api/v1/users/{a.UserId}/followers", $"/api/v1/users/{a.UserId}/following", $"/api/v1/posts/{post}",
                     $"/api/v1/posts/{post}/comments",
                 })
        {
            await Expect.ProblemAsync(await b.GetAsync(path), HttpStatusCode.NotFound);
        }

        await Expect.ProblemAsync(await b.PutAsync($"/api/v1/posts/{post}/like"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await b.PostAsync($"/api/v1/posts/{post}/comments", new { text = "hello?" }), HttpStatusCode.NotFound);
        Assert.Equal(["another comment"], Texts(await b.GetJsonAsync($"/api/v1/posts/{other}/comments")));
        Assert.Equal(["the blocker's comment", "another comment"], Texts(await c.GetJsonAsync($"/api/v1/posts/{other}/comments")));
        Assert.True((await a.GetJsonAsync($"/api/v1/users/{b.UserId}")).GetProperty("blockedByMe").GetBoolean());

        await Expect.StatusAsync(await a.DeleteAsync($"/api/v1/users/{b.UserId}/block"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await b.GetAsync($"/api/v1/posts/{post}"), HttpStatusCode.OK);
        await Expect.StatusAsync(await b.PutAsync($"/api/v1/posts/{post}/like"), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_blocked_users_posts_leave_the_blockers_feed_and_never_enter_it()
    {
        var a = await _api.NewClient().RegisterAsync();
        var b = await _api.NewClient().RegisterAsync();
        await a.FollowAsync(b);
        var before = (await b.CreatePostAsync("before the block")).GetProperty("postId").GetString()!;
        await Expect.EventuallyAsync(async () => Assert.Contains(before, Expect.Ids(await a.GetJsonAsync("/api/v1/feed"), "postId")));

        await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/block"), HttpStatusCode.NoContent);
        await b.CreatePostAsync("after the block");
        var own = (await a.CreatePostAsync("the blocker's own")).GetProperty("postId").GetString()!;

        await Expect.EventuallyAsync(async () => Assert.Equal([own], Expect.Ids(await a.GetJsonAsync("/api/v1/feed"), "postId")));
    }

    [Fact]
    public async Task Tag_pages_post_search_and_user_search_hide_each_others_posts_both_ways()
    {
        var a = await _api.NewClient().RegisterAsync();
        var b = await _api.NewClient().RegisterAsync();
        var c = await _api.NewClient().RegisterAsync();
        var byA = (await a.CreatePostAsync($"#{_word} from the blocker")).GetProperty("postId").GetString()!;
        var byB = (await b.CreatePostAsync($"#{_word} from the blocked")).GetProperty("postId").GetString()!;

        await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/block"), HttpStatusCode.NoContent);

        foreach (var path in new[] { $"/api/v1/tags/{_word}/posts", $"/api/v1/search/posts?q={_word}" })
        {
            Assert.Equal([byA], Expect.Ids(await a.GetJsonAsync(path), "postId"));
            Assert.Equal([byB], Expect.Ids(await b.GetJsonAsync(path), "postId"));
            Assert.Equal([byB, byA], Expect.Ids(await c.GetJsonAsync(path), "postId"));
        }

        Assert.Empty(Expect.Ids(await b.GetJsonAsync($"/api/v1/search/users?q={a.Handle}"), "userId"));
        Assert.Equal([b.UserId], Expect.Ids(await a.GetJsonAsync($"/api/v1/search/users?q={b.Handle}"), "userId"));
    }

    [Fact]
    public async Task Nothing_a_blocked_or_muted_user_does_notifies_and_the_muted_user_notices_nothing()
    {
        var a = await _api.NewClient().RegisterAsync();
        var blocked = await _api.NewClient().RegisterAsync();
        var muted = await _api.NewClient().RegisterAsync();
        var friend = await _api.NewClient().RegisterAsync();
        var post = (await a.CreatePostAsync("notify me")).GetProperty("postId").GetString()!;
        await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{blocked.UserId}/block"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{muted.UserId}/mute"), HttpStatusCode.NoContent);

        await blocked.CreatePostAsync($"hey @{a.Handle}");
        await muted.CreatePostAsync($"hey @{a.Handle}");
        await muted.FollowAsync(a);
        await Expect.StatusAsync(await muted.PutAsync($"/api/v1/posts/{post}/like"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await muted.PostAsync($"/api/v1/posts/{post}/comments", new { text = "a muted comment" }), HttpStatusCode.Created);
        await Expect.StatusAsync(await friend.PutAsync($"/api/v1/posts/{post}/like"), HttpStatusCode.NoContent);

        // The friend's like went through the same stream after the others: once it is there, theirs would be too.
        await Expect.EventuallyAsync(async () =>
            Assert.Contains(friend.UserId, Actors(await a.GetJsonAsync("/api/v1/notifications"))));
        Assert.Equal([friend.UserId], Actors(await a.GetJsonAsync("/api/v1/notifications")));
        var seenByMuted = await muted.GetJsonAsync($"/api/v1/users/{a.UserId}");
        Assert.True(seenByMuted.GetProperty("followedByMe").GetBoolean());
        Assert.Equal(2, (await muted.GetJsonAsync($"/api/v1/posts/{post}")).GetProperty("likes").GetInt64());
    }

    [Fact]
    public async Task A_muted_users_posts_leave_the_feed_until_unmuted()
    {
        var a = await _api.NewClient().RegisterAsync();
        var b = await _api.NewClient().RegisterAsync();
        await a.FollowAsync(b);
        var first = (await b.CreatePostAsync("before the mute")).GetProperty("postId").GetString()!;
        await Expect.EventuallyAsync(async () => Assert.Equal([first], Expect.Ids(await a.GetJsonAsync("/api/v1/feed"), "postId")));

        await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{b.UserId}/mute"), HttpStatusCode.NoContent);
        Assert.Empty(Expect.Ids(await a.GetJsonAsync("/api/v1/feed"), "postId"));
        var second = (await b.CreatePostAsync("while muted")).GetProperty("postId").GetString()!;
        var own = (await a.CreatePostAsync("own")).GetProperty("postId").GetString()!;
        await Expect.EventuallyAsync(async () => Assert.Equal([own], Expect.Ids(await a.GetJsonAsync("/api/v1/feed"), "postId")));
        var profile = await a.GetJsonAsync($"/api/v1/users/{b.UserId}");
        Assert.Equal((true, false, true), (profile.GetProperty("followedByMe").GetBoolean(), profile.GetProperty("blockedByMe").GetBoolean(), profile.GetProperty("mutedByMe").GetBoolean()));

        // The fan-out kept storing the muted user's posts; the feed only left them out.
        await Expect.StatusAsync(await a.DeleteAsync($"/api/v1/users/{b.UserId}/mute"), HttpStatusCode.NoContent);
        await Expect.EventuallyAsync(async () => Assert.Equal([own, second, first], Expect.Ids(await a.GetJsonAsync("/api/v1/feed"), "postId")));
    }

    [Fact]
    public async Task Blocks_and_mutes_are_listed_newest_first_in_pages()
    {
        var a = await _api.NewClient().RegisterAsync();
        var users = new List<ApiClient>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await _api.NewClient().RegisterAsync());
        }

        foreach (var kind in new[] { "block", "mute" })
        {
            foreach (var user in users)
            {
                await Expect.StatusAsync(await a.PutAsync($"/api/v1/users/{user.UserId}/{kind}"), HttpStatusCode.NoContent);
            }
        }

        await Expect.StatusAsync(await a.DeleteAsync($"/api/v1/users/{users[1].UserId}/mute"), HttpStatusCode.NoContent);
        var first = await a.GetJsonAsync("/api/v1/users/me/blocks?limit=2");
        var cursor = Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!);
        var rest = await a.GetJsonAsync($"/api/v1/users/me/blocks?limit=2&cursor={cursor}");

        Assert.Equal([users[2].UserId, users[1].UserId], Expect.Ids(first, "userId"));
        Assert.Equal([users[0].UserId], Expect.Ids(rest, "userId"));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("nextCursor").ValueKind);
        Assert.Equal([users[2].UserId, users[0].UserId], Expect.Ids(await a.GetJsonAsync("/api/v1/users/me/mutes"), "userId"));
        await Expect.ProblemAsync(await a.GetAsync($"/api/v1/users/me/mutes?cursor={cursor}"), HttpStatusCode.BadRequest, "cursor");
        await Expect.ProblemAsync(await a.GetAsync("/api/v1/users/me/blocks?limit=0"), HttpStatusCode.BadRequest, "limit");
        Assert.Empty(Expect.Ids(await users[0].GetJsonAsync("/api/v1/users/me/blocks"), "userId"));
    }

    private static (long Followers, long Following, bool FollowedByMe, bool BlockedByMe, bool MutedByMe) Counts(JsonElement profile) => (
        profile.GetProperty("followers").GetInt64(), profile.GetProperty("following").GetInt64(),
        profile.GetProperty("followedByMe").GetBoolean(), profile.GetProperty("blockedByMe").GetBoolean(), profile.GetProperty("mutedByMe").GetBoolean());

    private static List<string> Texts(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(static c => c.GetProperty("text").GetString()!)];

    private static List<string> Actors(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(static n => n.GetProperty("actorId").GetString()!)];
}
