using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Playbound.EndToEnd.Tests.Infrastructure;

namespace Playbound.EndToEnd.Tests;

/// <summary>The built Api serves the page and the SignalR client it fetched at build time.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class WebClientServingTests(ApiProcess api)
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/app.css", "text/css")]
    [InlineData("/lib/signalr/signalr.min.js", "text/javascript")]
    public async Task The_page_and_the_signalr_client_are_served_without_a_token(string path, string mediaType)
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_routes_still_answer_problem_details_next_to_the_static_files()
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };

        using var unauthorized = await http.GetAsync("/api/v1/feed");
        using var missing = await http.GetAsync("/no-such-page.html");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void The_node_tests_pin_the_same_signalr_client_the_build_fetches()
    {
        var targets = File.ReadAllText(Path.Combine(Paths.ApiProject, "SignalRClient.targets"));
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.NodeTests, "package-lock.json")));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/@microsoft/signalr");

        Assert.Equal(Property(targets, "SignalRClientVersion"), locked.GetProperty("version").GetString());
        Assert.Equal(Property(targets, "SignalRClientIntegrity"), locked.GetProperty("integrity").GetString());
    }

    private static string Property(string project, string name) =>
        Regex.Match(project, $"<{name}>([^<]+)</{name}>") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"SignalRClient.targets has no {name}");
}
