using System.Net;
using System.Text.Json;
using Playbound.EndToEnd.Tests.Infrastructure;

namespace Playbound.EndToEnd.Tests;

/// <summary>The built Api serves the page and the SignalR browser client that npm installed from the committed lockfile.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebClientServingTests(ApiProcess api)
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
    public void The_node_tests_pin_the_same_signalr_client_as_the_page()
    {
        var page = LockedSignalR(Paths.ApiProject);
        var node = LockedSignalR(Paths.NodeTests);

        Assert.Equal(page.Version, node.Version);
        Assert.Equal(page.Integrity, node.Integrity);
        Assert.StartsWith("sha512-", page.Integrity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_gets_the_signalr_client_npm_installed_from_the_lockfile()
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        var installed = Path.Combine(Paths.ApiProject, "node_modules", "@microsoft", "signalr");
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(installed, "package.json")));

        var served = await http.GetByteArrayAsync("/lib/signalr/signalr.min.js");

        Assert.Equal(LockedSignalR(Paths.ApiProject).Version, package.RootElement.GetProperty("version").GetString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(installed, "dist", "browser", "signalr.min.js")), served);
    }

    // The @microsoft/signalr entry of the committed package-lock.json in `directory`.
    private static (string? Version, string? Integrity) LockedSignalR(string directory)
    {
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "package-lock.json")));
        var locked = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/@microsoft/signalr");
        return (locked.GetProperty("version").GetString(), locked.GetProperty("integrity").GetString());
    }
}
