using System.Net;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>Token buckets per user and per client IP, with small buckets configured so the tests reach them.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly PlayboundApiFactory _api = new(new Dictionary<string, string?>
    {
        ["Playbound:RateLimit:User:TokensPerSecond"] = "1",
        ["Playbound:RateLimit:User:Burst"] = "3",
        ["Playbound:RateLimit:Auth:TokensPerSecond"] = "1",
        ["Playbound:RateLimit:Auth:Burst"] = "2",
    });

    [Fact]
    public async Task Auth_endpoints_are_limited_per_ip_with_a_429_problem_and_retry_after()
    {
        var client = _api.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsync("/api/v1/auth/login", new { handle = "x" })).StatusCode);
        }

        var limited = await client.PostAsync("/api/v1/auth/refresh", new { });

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        await Expect.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Each_user_has_a_bucket_of_their_own()
    {
        var alice = _api.NewClient();
        alice.UseToken(TestTokens.Hs256("1001"));
        var bob = _api.NewClient();
        bob.UseToken(TestTokens.Hs256("1002"));

        // limit=0 is refused before any grain call: only the limiter is measured.
        var aliceStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            aliceStatuses.Add((await alice.GetAsync("/api/v1/feed?limit=0")).StatusCode);
        }

        var bobStatus = (await bob.GetAsync("/api/v1/feed?limit=0")).StatusCode;

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], aliceStatuses);
        Assert.Equal(HttpStatusCode.BadRequest, bobStatus);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_share_a_bucket_per_ip()
    {
        var anonymous = _api.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await anonymous.GetAsync("/api/v1/feed")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Operations_endpoints_are_not_limited()
    {
        var client = _api.NewClient();
        for (var i = 0; i < 10; i++)
        {
            await Expect.StatusAsync(await client.GetAsync("/health/live"), HttpStatusCode.OK);
        }
    }

    public void Dispose() => _api.Dispose();
}
