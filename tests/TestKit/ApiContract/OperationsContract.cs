using System.Net;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>Health, metrics and the OpenAPI document answer without a token.</summary>
public abstract class OperationsContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Fact]
    public async Task Metrics_are_prometheus_text_with_http_histograms_and_runtime_counters()
    {
        var user = await _api.NewClient().RegisterAsync();
        await user.GetJsonAsync("/api/v1/users/me");

        var response = await _api.NewClient().GetAsync("/metrics");

        await Expect.StatusAsync(response, HttpStatusCode.OK);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_route="/api/v1/users/me"[^}]*le="\+Inf"\} \d+""", text);
        Assert.Contains("http_server_request_duration_seconds_count{", text);

        // Grain calls, from Orleans' own meter: recorded by the embedded silo and by an Api node that is an Orleans client alike.
        Assert.Contains("# TYPE orleans_app_requests_latency_milliseconds histogram", text);
        Assert.Matches("""(?m)^orleans_app_requests_latency_milliseconds_count [1-9]\d*$""", text);

        // Instrument names such as "orleans-app-requests-latency" are exported as valid Prometheus names.
        var samples = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#')).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, line => Assert.Matches("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? \S+$""", line));
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
