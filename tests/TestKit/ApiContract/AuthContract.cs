using System.Net;
using System.Net.Http.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>
/// Register, login, refresh and logout (api.md, "Auth"). Abstract: each test project binds it to
/// its <see cref="IApiUnderTest"/> fixture with a sealed subclass.
/// </summary>
public abstract class AuthContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task Register_answers_201_with_ids_tokens_and_expiry_in_seconds()
    {
        var handle = ApiClient.UniqueHandle("reg");
        var response = await _api.NewClient().Http.PostAsJsonAsync("/api/v1/auth/register", new { handle, displayName = " Ada ", password = "long enough" });

        await Expect.StatusAsync(response, HttpStatusCode.Created);
        var body = await Expect.JsonAsync(response);
        var userId = body.GetProperty("userId").GetString();
        Assert.False(string.IsNullOrEmpty(userId));
        Assert.Equal(handle, body.GetProperty("handle").GetString());
        Assert.Equal(3, body.GetProperty("accessToken").GetString()!.Split('.').Length);
        Assert.Contains('.', body.GetProperty("refreshToken").GetString()!);
        Assert.Equal(15 * 60, body.GetProperty("expiresIn").GetInt32());
        Assert.Equal($"/api/v1/users/{userId}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Handles_are_lower_cased_and_one_differing_only_in_case_is_409()
    {
        var handle = ApiClient.UniqueHandle("Case");
        var first = await _api.NewClient().RegisterAsync(handle);
        Assert.Equal(handle.ToLowerInvariant(), first.Handle);

        var again = await _api.NewClient().Http.PostAsJsonAsync("/api/v1/auth/register", new { handle = handle.ToUpperInvariant(), displayName = "Other", password = "password!" });

        await Expect.ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("ab", "Name", "password1", "handle")]
    [InlineData("abcdefghijklmnopqrstuvwxyz12345", "Name", "password1", "handle")]
    [InlineData("bad-handle", "Name", "password1", "handle")]
    [InlineData("bäd", "Name", "password1", "handle")]
    [InlineData(null, "Name", "password1", "handle")]
    [InlineData("valid_handle", "", "password1", "displayName")]
    [InlineData("valid_handle", "    ", "password1", "displayName")]
    [InlineData("valid_handle", "012345678901234567890123456789012345678901234567890", "password1", "displayName")]
    [InlineData("valid_handle", null, "password1", "displayName")]
    [InlineData("valid_handle", "Name", "short12", "password")]
    [InlineData("valid_handle", "Name", null, "password")]
    public async Task Register_rejects_invalid_fields_with_400_naming_the_field(string? handle, string? displayName, string? password, string field)
    {
        var response = await _api.NewClient().Http.PostAsJsonAsync("/api/v1/auth/register", new { handle, displayName, password });

        await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Register_counts_code_points_so_fifty_emoji_are_a_valid_display_name_and_129_char_passwords_are_not()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 50));
        var ok = await _api.NewClient().Http.PostAsJsonAsync("/api/v1/auth/register", new { handle = ApiClient.UniqueHandle(), displayName = emoji, password = "password1" });
        await Expect.StatusAsync(ok, HttpStatusCode.Created);

        var tooLong = await _api.NewClient().Http.PostAsJsonAsync("/api/v1/auth/register", new { handle = ApiClient.UniqueHandle(), displayName = "x", password = new string('p', 129) });
        await Expect.ProblemAsync(tooLong, HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task Login_answers_200_with_a_working_pair_and_401_for_a_wrong_password_or_unknown_handle()
    {
        var user = await _api.NewClient().RegisterAsync(password: "the password");
        var client = _api.NewClient();

        var ok = await client.PostAsync("/api/v1/auth/login", new { handle = user.Handle.ToUpperInvariant(), password = "the password" });
        await Expect.StatusAsync(ok, HttpStatusCode.OK);
        client.SignIn(await Expect.JsonAsync(ok));
        Assert.Equal(user.UserId, client.UserId);
        Assert.Equal(user.UserId, (await client.GetJsonAsync("/api/v1/users/me")).GetProperty("userId").GetString());

        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/login", new { handle = user.Handle, password = "not the password" }), HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/login", new { handle = "nobody_" + user.Handle, password = "the password" }), HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/login", new { handle = "no such handle!", password = "the password" }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_without_a_field_is_400()
    {
        var client = _api.NewClient();

        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/login", new { handle = "someone" }), HttpStatusCode.BadRequest, "password");
        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/login", new { password = "something" }), HttpStatusCode.BadRequest, "handle");
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_the_old_refresh_token_stops_working()
    {
        var user = await _api.NewClient().RegisterAsync();
        var first = user.RefreshToken;

        var refreshed = await user.PostAsync("/api/v1/auth/refresh", new { refreshToken = first });
        await Expect.StatusAsync(refreshed, HttpStatusCode.OK);
        var pair = await Expect.JsonAsync(refreshed);
        var second = pair.GetProperty("refreshToken").GetString()!;
        Assert.NotEqual(first, second);
        Assert.Equal(user.UserId, pair.GetProperty("userId").GetString());
        Assert.Equal(user.Handle, pair.GetProperty("handle").GetString());

        user.UseToken(pair.GetProperty("accessToken").GetString()!);
        await user.GetJsonAsync("/api/v1/users/me");

        // Reuse of the first token: 401, and the session is revoked, so the second token is dead too.
        await Expect.ProblemAsync(await user.PostAsync("/api/v1/auth/refresh", new { refreshToken = first }), HttpStatusCode.Unauthorized);
        await Expect.ProblemAsync(await user.PostAsync("/api/v1/auth/refresh", new { refreshToken = second }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_answers_204_and_the_refresh_token_stops_working()
    {
        var user = await _api.NewClient().RegisterAsync();

        var logout = await user.PostAsync("/api/v1/auth/logout", new { refreshToken = user.RefreshToken });

        await Expect.StatusAsync(logout, HttpStatusCode.NoContent);
        Assert.Empty(await logout.Content.ReadAsByteArrayAsync());
        await Expect.ProblemAsync(await user.PostAsync("/api/v1/auth/refresh", new { refreshToken = user.RefreshToken }), HttpStatusCode.Unauthorized);
        await Expect.StatusAsync(await user.PostAsync("/api/v1/auth/logout", new { refreshToken = user.RefreshToken }), HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("../../etc.passwd")]
    public async Task Refresh_with_a_token_the_server_did_not_issue_is_401_and_logout_still_204(string token)
    {
        var client = _api.NewClient();

        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/refresh", new { refreshToken = token }), HttpStatusCode.Unauthorized);
        await Expect.StatusAsync(await client.PostAsync("/api/v1/auth/logout", new { refreshToken = token }), HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Refresh_and_logout_without_the_token_field_are_400()
    {
        var client = _api.NewClient();

        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/refresh", new { }), HttpStatusCode.BadRequest, "refreshToken");
        await Expect.ProblemAsync(await client.PostAsync("/api/v1/auth/logout", new { refreshToken = (string?)null }), HttpStatusCode.BadRequest, "refreshToken");
    }
}
