using System.Net;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Reposts (api.md, "Reposts"): every rule. Abstract: each test project binds it to its <see cref="IApiUnderTest"/> fixture.
/// </summary>
public abstract class RepostsContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task Repost_routes_answer_404_for_missing_posts_400_for_bad_paging_and_401_without_a_token()
    {
        var user = await _api.NewClient().RegisterAsync();
        var post = (await user.CreatePostAsync("a post")).GetProperty("postId").GetString()!;

        foreach (var path in new[] { "/api/v1/posts/999999999999/repost", "/api/v1/posts/not-an-id/repost" })
        {
            await Expect.ProblemAsync(await user.PutAsync(path), HttpStatusCode.NotFound);
            await Expect.ProblemAsync(await user.DeleteAsync(path), HttpStatusCode.NotFound);
        }

        await Expect.ProblemAsync(await user.GetAsync("/api/v1/posts/999999999999/reposts"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await user.GetAsync($"/api/v1/posts/{post}/reposts?limit=0"), HttpStatusCode.BadRequest, "limit");
        await Expect.ProblemAsync(await user.GetAsync($"/api/v1/posts/{post}/reposts?limit=101"), HttpStatusCode.BadRequest, "limit");
        await Expect.ProblemAsync(await user.GetAsync($"/api/v1/posts/{post}/reposts?cursor=forged"), HttpStatusCode.BadRequest, "cursor");
        await Expect.ProblemAsync(await _api.NewClient().PutAsync($"/api/v1/posts/{post}/repost"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_repost_counts_once_enters_the_reposters_followers_feeds_at_its_time_notifies_the_author_and_undo_takes_it_back()
    {
        var author = await _api.NewClient().RegisterAsync();
        var reposter = await _api.NewClient().RegisterAsync();
        var reader = await _api.NewClient().RegisterAsync();
        await reader.FollowAsync(reposter);
        var post = (await author.CreatePostAsync("worth a repost")).GetProperty("postId").GetString()!;

        await Expect.StatusAsync(await reposter.PutAsync($"/api/v1/posts/{post}/repost"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await reposter.PutAsync($"/api/v1/posts/{post}/repost"), HttpStatusCode.NoContent);

        var seen = await reposter.GetJsonAsync($"/api/v1/posts/{post}");
        Assert.Equal((1, true), (seen.GetProperty("reposts").GetInt32(), seen.GetProperty("repostedByMe").GetBoolean()));
        Assert.False((await author.GetJsonAsync($"/api/v1/posts/{post}")).GetProperty("repostedByMe").GetBoolean());
        Assert.Equal([reposter.UserId], Expect.Ids(await author.GetJsonAsync($"/api/v1/posts/{post}/reposts"), "userId"));
        await Expect.EventuallyAsync(async () =>
        {
            var item = (await reader.GetJsonAsync("/api/v1/feed")).GetProperty("items").EnumerateArray().Single();
            Assert.Equal(post, item.GetProperty("postId").GetString());
            Assert.Equal(reposter.UserId, item.GetProperty("repostedBy").GetProperty("userId").GetString());
            Assert.Equal(reposter.Handle, item.GetProperty("repostedBy").GetProperty("handle").GetString());
            Assert.True(item.GetProperty("repostedAt").GetDateTimeOffset() >= item.GetProperty("createdAt").GetDateTimeOffset());
        });
        await Expect.EventuallyAsync(async () =>
        {
            var notifications = (await author.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray().ToList();
            Assert.Single(notifications, n => n.GetProperty("type").GetString() == "repost" && n.GetProperty("actorId").GetString() == reposter.UserId);
        });

        await Expect.StatusAsync(await reposter.DeleteAsync($"/api/v1/posts/{post}/repost"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await reposter.DeleteAsync($"/api/v1/posts/{post}/repost"), HttpStatusCode.NoContent);
        Assert.Equal(0, (await reposter.GetJsonAsync($"/api/v1/posts/{post}")).GetProperty("reposts").GetInt32());
        await Expect.EventuallyAsync(async () => Assert.Empty(Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));
    }

    [Fact]
    public async Task A_feed_holds_a_post_once_a_hidden_post_cannot_be_reposted_and_deleting_it_removes_every_repost()
    {
        var author = await _api.NewClient().RegisterAsync();
        var reposter = await _api.NewClient().RegisterAsync();
        var blocked = await _api.NewClient().RegisterAsync();
        var both = await _api.NewClient().RegisterAsync();
        var reposterOnly = await _api.NewClient().RegisterAsync();
        await both.FollowAsync(author);
        await both.FollowAsync(reposter);
        await reposterOnly.FollowAsync(reposter);
        await Expect.StatusAsync(await author.PutAsync($"/api/v1/users/{blocked.UserId}/block"), HttpStatusCode.NoContent);
        var post = (await author.CreatePostAsync("seen once")).GetProperty("postId").GetString()!;
        await Expect.EventuallyAsync(async () => Assert.Equal([post], Expect.Ids(await both.GetJsonAsync("/api/v1/feed"), "postId")));

        await Expect.StatusAsync(await reposter.PutAsync($"/api/v1/posts/{post}/repost"), HttpStatusCode.NoContent);
        await Expect.ProblemAsync(await blocked.PutAsync($"/api/v1/posts/{post}/repost"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await blocked.GetAsync($"/api/v1/posts/{post}/reposts"), HttpStatusCode.NotFound);

        // Once the repost reached the reposter's followers: the feed that had the post from its author has it once, as before.
        await Expect.EventuallyAsync(async () => Assert.Equal([post], Expect.Ids(await reposterOnly.GetJsonAsync("/api/v1/feed"), "postId")));
        var items = (await both.GetJsonAsync("/api/v1/feed")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([post], items.Select(static i => i.GetProperty("postId").GetString()));
        Assert.False(items[0].TryGetProperty("repostedBy", out var by) && by.ValueKind != System.Text.Json.JsonValueKind.Null);

        await Expect.StatusAsync(await author.DeleteAsync($"/api/v1/posts/{post}"), HttpStatusCode.NoContent);
        await Expect.ProblemAsync(await reposter.GetAsync($"/api/v1/posts/{post}/reposts"), HttpStatusCode.NotFound);
        await Expect.EventuallyAsync(async () => Assert.Empty(Expect.Ids(await both.GetJsonAsync("/api/v1/feed"), "postId")));
    }
}
