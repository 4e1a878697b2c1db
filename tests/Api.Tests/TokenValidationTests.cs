using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class TokenValidationTests(ApiFixture fixture)
{
    private readonly PlayboundApiFactory _api = fixture.Factory;

    [Fact]
    public async Task A_token_minted_with_the_configured_key_is_accepted()
    {
        var user = await _api.NewClient().RegisterAsync();
        var client = _api.NewClient();
        client.UseToken(TestTokens.Hs256(user.UserId));

        Assert.Equal(user.UserId, (await client.GetJsonAsync("/api/v1/users/me")).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task No_token_is_401_problem_with_a_bearer_challenge()
    {
        var response = await _api.NewClient().GetAsync("/api/v1/feed");

        await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "garbage", "not-a-jwt" },
        { "expired", TestTokens.Hs256("123", expires: DateTime.UtcNow.AddMinutes(-5), issuedAt: DateTime.UtcNow.AddMinutes(-20)) },
        { "forged signature", TestTokens.Hs256("123", key: "another-key-that-is-long-enough-to-sign-with-hs256") },
        { "alg none", TestTokens.Unsigned("123") },
        { "wrong issuer", TestTokens.Hs256("123", issuer: "someone-else") },
        { "wrong audience", TestTokens.Hs256("123", audience: "someone-else") },
        { "subject that is no id", TestTokens.Hs256("../../x") },
        { "tampered payload", TamperedToken() },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task An_invalid_token_is_401_problem_with_an_invalid_token_challenge(string why, string token)
    {
        var client = _api.NewClient();
        client.UseToken(token);

        var response = await client.GetAsync("/api/v1/users/me");

        await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.True(challenge.Scheme == "Bearer" && challenge.Parameter?.Contains("invalid_token") == true, $"{why}: {challenge}");
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_ignored_outside_hubs()
    {
        var response = await _api.NewClient().GetAsync($"/api/v1/users/me?access_token={TestTokens.Hs256("123")}");

        await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_in_the_query_string_authenticates_on_the_hub_path_only()
    {
        // A probe under the hub's path asks the Bearer scheme directly, before the hub would see the request.
        using var api = new PlayboundApiFactory(configure: b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, HubProbe>()));
        var client = api.CreateClient();

        var withQuery = await client.GetStringAsync($"/hubs/feed/probe?access_token={TestTokens.Hs256("4242")}");
        var forged = await client.GetStringAsync($"/hubs/feed/probe?access_token={TestTokens.Hs256("4242", key: "another-key-that-is-long-enough-to-sign-with-hs256")}");
        var otherHubPath = await client.GetStringAsync($"/hubs/other/probe?access_token={TestTokens.Hs256("4242")}");

        Assert.Equal("4242", withQuery);
        Assert.Equal("anonymous", forged);
        Assert.Equal("anonymous", otherHubPath);
    }

    [Fact]
    public async Task Authorization_with_another_scheme_is_401()
    {
        var client = _api.NewClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        await Expect.ProblemAsync(await client.GetAsync("/api/v1/feed"), HttpStatusCode.Unauthorized);
    }

    private static string TamperedToken()
    {
        var parts = TestTokens.Hs256("123").Split('.');
        var payload = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"sub":"999","iss":"playbound","aud":"playbound","exp":9999999999}""");
        return $"{parts[0]}.{payload}.{parts[2]}";
    }

    /// <summary>Answers GET /hubs/{any}/probe with the authenticated subject, or "anonymous".</summary>
    private sealed class HubProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: that would move "/hubs/probe" into PathBase, which a mapped hub never does.
            app.Use(async (context, nextMiddleware) =>
            {
                if (!context.Request.Path.StartsWithSegments("/hubs") || !context.Request.Path.Value!.EndsWith("/probe", StringComparison.Ordinal))
                {
                    await nextMiddleware(context);
                    return;
                }

                var result = await context.AuthenticateAsync("Bearer");
                await context.Response.WriteAsync(result.Succeeded ? result.Principal!.FindFirst("sub")!.Value : "anonymous");
            });
            next(app);
        };
    }
}
