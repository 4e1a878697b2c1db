using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>Health, metrics and the OpenAPI document answer without a token.</summary>
public abstract class OperationsContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task Metrics_are_prometheus_text_with_http_orleans_and_playbound_series()
    {
        // A post through the whole path first: the Api, the grain calls, the stream and the fan-out to a follower.
        var author = await _api.NewClient().RegisterAsync();
        var reader = await _api.NewClient().RegisterAsync();
        await reader.FollowAsync(author);
        var postId = (await author.CreatePostAsync("counted")).GetProperty("postId").GetString()!;
        await Expect.EventuallyAsync(async () => Assert.Contains(postId, Expect.Ids(await reader.GetJsonAsync("/api/v1/feed"), "postId")));
        await author.GetJsonAsync("/api/v1/users/me");

        var response = await _api.NewClient().GetAsync("/metrics");

        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        AssertValidExposition(text);

        // HTTP (ASP.NET Core's meter), with the route template as a label.
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_route="/api/v1/users/me"[^}]*le="\+Inf"[^}]*\} \d+""", text);
        Assert.Contains("http_server_request_duration_seconds_count{", text);

        // Grain calls, from Orleans' own meter: recorded by the embedded silo and by an Api node that is an Orleans client alike.
        Assert.Contains("# TYPE orleans_app_requests_latency_milliseconds histogram", text);
        Assert.Matches("""(?m)^orleans_app_requests_latency_milliseconds_count(\{[^}]*\})? [1-9]\d*""", text);

        // Playbound's realtime gauge lives wherever the hub does (the Api).
        Assert.Matches("""(?m)^playbound_realtime_online_users(\{[^}]*\})? \d+""", text);

        // The grain side: the embedded Api is its own silo; in a cluster the silos export it.
        await Expect.EventuallyAsync(async () =>
        {
            var grainSide = _api.SiloAddresses.Count == 0
                ? await (await _api.NewClient().GetAsync("/metrics")).Content.ReadAsStringAsync()
                : string.Join('\n', await Task.WhenAll(_api.SiloAddresses.Select(ScrapeAsync)));
            Assert.Contains("# TYPE playbound_fanout_lag_seconds histogram", grainSide);
            Assert.Matches("""(?m)^playbound_fanout_lag_seconds_count\{[^}]*celebrity="false"[^}]*\} [1-9]\d*""", grainSide);
            Assert.Matches("""(?m)^playbound_stream_lag\{[^}]*provider="(sqlite|kafka)"[^}]*queue="[^"]+"[^}]*\} \d+""", grainSide);
            Assert.Contains("# TYPE orleans_app_requests_latency_milliseconds histogram", grainSide);
        });
    }

    private static async Task<string> ScrapeAsync(Uri silo)
    {
        using var http = new HttpClient { BaseAddress = silo, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.GetAsync("/metrics");
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        AssertValidExposition(text);
        return text;
    }

    /// <summary>Every sample line is a valid Prometheus name, labels, a value and an optional timestamp.</summary>
    private static void AssertValidExposition(string text)
    {
        var samples = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, line => Assert.Matches("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? \S+( -?\d+)?$""", line));
    }

    [Fact]
    public async Task The_openapi_document_lists_every_route()
    {
        var document = await _api.NewClient().GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout",
            "/api/v1/users/me", "/api/v1/users/me/suggestions", "/api/v1/users/{userIdOrHandle}", "/api/v1/users/{userId}/follow",
            "/api/v1/users/{userId}/followers", "/api/v1/users/{userId}/following", "/api/v1/users/{userId}/posts",
            "/api/v1/posts", "/api/v1/posts/{postId}", "/api/v1/posts/{postId}/like", "/api/v1/posts/{postId}/comments",
            "/api/v1/feed", "/api/v1/notifications", "/api/v1/notifications/read",
        ];
        Assert.All(expected, path => Assert.Contains(path, paths));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal(JsonValueKind.Array, document.GetProperty("paths").GetProperty("/api/v1/feed").GetProperty("get").GetProperty("security").ValueKind);
        Assert.False(document.GetProperty("paths").GetProperty("/api/v1/auth/login").GetProperty("post").TryGetProperty("security", out _));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_without_a_token(string path)
    {
        await Expect.StatusAsync(await _api.NewClient().GetAsync(path), HttpStatusCode.OK);
    }
}
