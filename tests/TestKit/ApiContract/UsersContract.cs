using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Profiles, follows, follower lists and suggestions (api.md, "Users and the social graph"). Abstract: each test project binds it to
/// its <see cref="IApiUnderTest"/> fixture with a sealed subclass.
/// </summary>
public abstract class UsersContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task Me_is_the_full_profile_in_camel_case_with_utc_times()
    {
        var user = await _api.NewClient().RegisterAsync(displayName: "  Grace Hopper ");

        var me = await user.GetJsonAsync("/api/v1/users/me");

        Assert.Equal(
            ["userId", "handle", "displayName", "bio", "followers", "following", "posts", "createdAt", "followedByMe", "blockedByMe", "mutedByMe"],
            me.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(user.UserId, me.GetProperty("userId").GetString());
        Assert.Equal(JsonValueKind.String, me.GetProperty("userId").ValueKind);
        Assert.Equal("Grace Hopper", me.GetProperty("displayName").GetString());
        Assert.Equal("", me.GetProperty("bio").GetString());
        Assert.Equal(0, me.GetProperty("followers").GetInt64());
        Assert.False(me.GetProperty("followedByMe").GetBoolean());
        Assert.EndsWith("Z", me.GetProperty("createdAt").GetString());
        Assert.True(DateTimeOffset.UtcNow - me.GetProperty("createdAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Patch_me_changes_only_the_fields_given_trimmed()
    {
        var user = await _api.NewClient().RegisterAsync(displayName: "Before");

        var bioOnly = await user.PatchAsync("/api/v1/users/me", new { bio = "  Writes compilers.\nLikes ships. " });
        await Expect.StatusAsync(bioOnly, HttpStatusCode.OK);
        var nameOnly = await user.PatchAsync("/api/v1/users/me", new { displayName = " After " });
        await Expect.StatusAsync(nameOnly, HttpStatusCode.OK);
        var profile = await Expect.JsonAsync(nameOnly);

        Assert.Equal("After", profile.GetProperty("displayName").GetString());
        Assert.Equal("Writes compilers.\nLikes ships.", profile.GetProperty("bio").GetString());
        Assert.Equal("After", (await user.GetJsonAsync("/api/v1/users/me")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Patch_me_can_clear_the_bio_and_counts_code_points()
    {
        var user = await _api.NewClient().RegisterAsync();

        await Expect.StatusAsync(await user.PatchAsync("/api/v1/users/me", new { bio = string.Concat(Enumerable.Repeat("🚀", 160)) }), HttpStatusCode.OK);
        await Expect.StatusAsync(await user.PatchAsync("/api/v1/users/me", new { bio = "" }), HttpStatusCode.OK);

        Assert.Equal("", (await user.GetJsonAsync("/api/v1/users/me")).GetProperty("bio").GetString());
    }

    [Theory]
    [InlineData("displayName", "")]
    [InlineData("displayName", "   ")]
    [InlineData("displayName", "line\nbreak")]
    [InlineData("bio", "161")]
    public async Task Patch_me_rejects_invalid_fields_with_400(string field, string value)
    {
        var user = await _api.NewClient().RegisterAsync();
        var text = value == "161" ? new string('b', 161) : value;

        var response = await user.PatchAsync("/api/v1/users/me", new Dictionary<string, string> { [field] = text });

        await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_user_is_found_by_id_or_by_handle_in_any_case_with_followed_by_me()
    {
        var alice = await _api.NewClient().RegisterAsync(ApiClient.UniqueHandle("alice"));
        var bob = await _api.NewClient().RegisterAsync();
        await bob.FollowAsync(alice);

        var byId = await bob.GetJsonAsync($"/api/v1/users/{alice.UserId}");
        var byHandle = await bob.GetJsonAsync($"/api/v1/users/{alice.Handle.ToUpperInvariant()}");
        var bobSeenByAlice = await alice.GetJsonAsync($"/api/v1/users/{bob.Handle}");

        Assert.Equal(alice.UserId, byId.GetProperty("userId").GetString());
        Assert.Equal(alice.UserId, byHandle.GetProperty("userId").GetString());
        Assert.True(byId.GetProperty("followedByMe").GetBoolean());
        Assert.Equal(1, byId.GetProperty("followers").GetInt64());
        Assert.False(bobSeenByAlice.GetProperty("followedByMe").GetBoolean());
        Assert.Equal(1, bobSeenByAlice.GetProperty("following").GetInt64());
    }

    [Theory]
    [InlineData("999999999999")]
    [InlineData("nobody_here_at_all")]
    [InlineData("x")]
    public async Task An_unknown_user_is_404(string userIdOrHandle)
    {
        var user = await _api.NewClient().RegisterAsync();

        await Expect.ProblemAsync(await user.GetAsync($"/api/v1/users/{userIdOrHandle}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Follow_is_idempotent_and_unfollow_too()
    {
        var alice = await _api.NewClient().RegisterAsync();
        var bob = await _api.NewClient().RegisterAsync();

        await bob.FollowAsync(alice);
        await bob.FollowAsync(alice);
        Assert.Equal(1, (await alice.GetJsonAsync("/api/v1/users/me")).GetProperty("followers").GetInt64());

        await Expect.StatusAsync(await bob.DeleteAsync($"/api/v1/users/{alice.UserId}/follow"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await bob.DeleteAsync($"/api/v1/users/{alice.UserId}/follow"), HttpStatusCode.NoContent);
        Assert.Equal(0, (await alice.GetJsonAsync("/api/v1/users/me")).GetProperty("followers").GetInt64());
    }

    [Fact]
    public async Task Following_yourself_is_400_and_an_unknown_user_404()
    {
        var user = await _api.NewClient().RegisterAsync();

        await Expect.ProblemAsync(await user.PutAsync($"/api/v1/users/{user.UserId}/follow"), HttpStatusCode.BadRequest, "userId");
        await Expect.ProblemAsync(await user.PutAsync("/api/v1/users/me/follow"), HttpStatusCode.BadRequest, "userId");
        await Expect.ProblemAsync(await user.PutAsync("/api/v1/users/999999999999/follow"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await user.PutAsync("/api/v1/users/not%20an%20id/follow"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Followers_and_following_are_pages_of_summaries_newest_follow_first()
    {
        var star = await _api.NewClient().RegisterAsync();
        var fans = new List<ApiClient>();
        for (var i = 0; i < 5; i++)
        {
            var fan = await _api.NewClient().RegisterAsync();
            await fan.FollowAsync(star);
            fans.Add(fan);
        }

        var first = await star.GetJsonAsync($"/api/v1/users/{star.UserId}/followers?limit=3");
        var second = await star.GetJsonAsync($"/api/v1/users/{star.UserId}/followers?limit=3&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");
        var following = await fans[0].GetJsonAsync("/api/v1/users/me/following");

        Assert.Equal(
            fans.Select(f => f.UserId).Reverse().ToList(),
            [.. Expect.Ids(first, "userId"), .. Expect.Ids(second, "userId")]);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(["userId", "handle", "displayName"], first.GetProperty("items")[0].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal([star.UserId], Expect.Ids(following, "userId"));
    }

    [Fact]
    public async Task Lists_of_an_unknown_user_are_404()
    {
        var user = await _api.NewClient().RegisterAsync();

        foreach (var list in new[] { "followers", "following", "posts" })
        {
            await Expect.ProblemAsync(await user.GetAsync($"/api/v1/users/999999999999/{list}"), HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Suggestions_are_followees_of_followees_ranked_by_how_many_follow_them_and_not_captured_by_the_user_route()
    {
        var me = await _api.NewClient().RegisterAsync();
        var friends = new List<ApiClient>();
        for (var i = 0; i < 3; i++)
        {
            friends.Add(await _api.NewClient().RegisterAsync());
            await me.FollowAsync(friends[i]);
        }

        var popular = await _api.NewClient().RegisterAsync();
        var niche = await _api.NewClient().RegisterAsync();
        foreach (var friend in friends)
        {
            await friend.FollowAsync(popular);
        }

        await friends[0].FollowAsync(niche);
        await friends[1].FollowAsync(friends[2]);

        var suggestions = await me.GetJsonAsync("/api/v1/users/me/suggestions?limit=10");
        var top = await me.GetJsonAsync("/api/v1/users/me/suggestions?limit=1");

        var ids = Expect.Ids(suggestions, "userId");
        Assert.Equal(popular.UserId, ids[0]);
        Assert.Contains(niche.UserId, ids);
        Assert.DoesNotContain(friends[2].UserId, ids);
        Assert.DoesNotContain(me.UserId, ids);
        Assert.Equal([popular.UserId], Expect.Ids(top, "userId"));
        Assert.Equal(JsonValueKind.Null, suggestions.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task There_is_no_route_to_change_another_users_profile()
    {
        var alice = await _api.NewClient().RegisterAsync(displayName: "Alice");
        var mallory = await _api.NewClient().RegisterAsync();

        var patch = await mallory.PatchAsync($"/api/v1/users/{alice.UserId}", new { displayName = "Pwned" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch.StatusCode);
        Assert.Equal("Alice", (await alice.GetJsonAsync("/api/v1/users/me")).GetProperty("displayName").GetString());
    }
}
