using System.Net;
using System.Net.Http.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Deleting an account (api.md, "Deleting an account"): every rule. Abstract: each test project binds it to its
/// <see cref="IApiUnderTest"/> fixture.
/// </summary>
public abstract class AccountDeletionContract(IApiUnderTest api)
{
    private const string Password = "correct horse";

    private readonly IApiUnderTest _api = api;
    private readonly string _word = "w" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Deleting_needs_the_password_and_a_token()
    {
        var user = await _api.NewClient().RegisterAsync();

        await Expect.ProblemAsync(await user.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", "{}"), HttpStatusCode.BadRequest, "password");
        await Expect.ProblemAsync(await user.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", """{"password":null}"""), HttpStatusCode.BadRequest, "password");
        await Expect.ProblemAsync(await user.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", """{"password":12345678}"""), HttpStatusCode.BadRequest);
        await Expect.ProblemAsync(await user.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", "not json"), HttpStatusCode.BadRequest);
        await Expect.ProblemAsync(await user.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", null), HttpStatusCode.BadRequest, "password");
        await Expect.ProblemAsync(await user.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", """{"password":"x"}""", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await Expect.ProblemAsync(await user.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", """{"password":"wrong horse"}"""), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await _api.NewClient().SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", """{"password":"correct horse"}"""), HttpStatusCode.Unauthorized);

        // Nothing happened to the account.
        await user.GetJsonAsync("/api/v1/users/me");
    }

    [Fact]
    public async Task From_the_202_on_the_tokens_and_the_password_stop_working_and_soon_nothing_of_the_account_remains()
    {
        var leaver = await _api.NewClient().RegisterAsync();
        var friend = await _api.NewClient().RegisterAsync();
        await friend.FollowAsync(leaver);
        await leaver.FollowAsync(friend);
        var post = (await leaver.CreatePostAsync($"leaving soon #{_word} {_word}")).GetProperty("postId").GetString()!;
        var friendsPost = (await friend.CreatePostAsync("staying")).GetProperty("postId").GetString()!;
        await Expect.StatusAsync(await leaver.PutAsync($"/api/v1/posts/{friendsPost}/like"), HttpStatusCode.NoContent);
        await Expect.StatusAsync(await leaver.PostAsync($"/api/v1/posts/{friendsPost}/comments", new { text = "bye" }), HttpStatusCode.Created);
        await Expect.EventuallyAsync(async () => Assert.Contains(post, Expect.Ids(await friend.GetJsonAsync("/api/v1/feed"), "postId")));

        await Expect.StatusAsync(
            await leaver.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", """{"password":"correct horse"}"""), HttpStatusCode.Accepted);

        // At once, on every Api node (clients of a cluster take turns between the nodes).
        for (var i = 0; i < 4; i++)
        {
            await Expect.ProblemAsync(await leaver.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized);
        }

        var refresh = await leaver.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = leaver.RefreshToken });
        await Expect.ProblemAsync(refresh, HttpStatusCode.Unauthorized);
        var login = await _api.NewClient().Http.PostAsJsonAsync("/api/v1/auth/login", new { handle = leaver.Handle, password = Password });
        await Expect.ProblemAsync(login, HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await friend.GetAsync($"/api/v1/users/{leaver.UserId}"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await friend.GetAsync($"/api/v1/users/{leaver.Handle}"), HttpStatusCode.NotFound);

        await Expect.EventuallyAsync(async () =>
        {
            await Expect.ProblemAsync(await friend.GetAsync($"/api/v1/posts/{post}"), HttpStatusCode.NotFound);
            Assert.DoesNotContain(post, Expect.Ids(await friend.GetJsonAsync("/api/v1/feed"), "postId"));
            Assert.Empty(Expect.Ids(await friend.GetJsonAsync($"/api/v1/tags/{_word}/posts"), "postId"));
            Assert.Empty(Expect.Ids(await friend.GetJsonAsync($"/api/v1/search/posts?q={_word}"), "postId"));
            Assert.Empty(Expect.Ids(await friend.GetJsonAsync($"/api/v1/search/users?q={leaver.Handle}"), "userId"));
            var mine = await friend.GetJsonAsync($"/api/v1/posts/{friendsPost}");
            Assert.Equal((0, 0), (mine.GetProperty("likes").GetInt32(), mine.GetProperty("comments").GetInt32()));
            Assert.Empty(Expect.Ids(await friend.GetJsonAsync($"/api/v1/posts/{friendsPost}/comments"), "commentId"));
            var me = await friend.GetJsonAsync("/api/v1/users/me");
            Assert.Equal((0, 0), (me.GetProperty("followers").GetInt32(), me.GetProperty("following").GetInt32()));
            Assert.DoesNotContain((await friend.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
                n => n.GetProperty("actorId").GetString() == leaver.UserId);
        });

        // The handle is free again.
        await Expect.EventuallyAsync(async () =>
        {
            var again = await _api.NewClient().Http.PostAsJsonAsync("/api/v1/auth/register", new { handle = leaver.Handle, displayName = "Next", password = Password });
            await Expect.StatusAsync(again, HttpStatusCode.Created);
        });
    }
}
