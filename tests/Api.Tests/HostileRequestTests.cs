using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Playbound.Api.Hardening;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>
/// Hundreds of malformed or hostile requests against every route, over real Kestrel sockets (the in-memory test
/// server refuses some of these paths before sending them): none may get a 5xx, every error must be a
/// ProblemDetails, and where api.md names the status (400, 401, 405, 413, 415) it must be that one.
/// </summary>
public sealed class HostileRequestTests : IDisposable
{
    private static readonly int[] BadRequest = [400];
    private static readonly int[] Unauthorized = [401];

    // Statuses Kestrel answers itself, before the app runs, with an empty body.
    private static readonly int[] KestrelRefusals = [400, 414, 431];

    private readonly PlayboundApiFactory _api = new();

    public HostileRequestTests()
    {
        _api.UseKestrel(0);
        _api.StartServer();
    }

    public void Dispose() => _api.Dispose();

    private sealed record Case(string Name, HttpMethod Method, string Path, byte[]? Body, string? ContentType, string? Token, int[]? Expected);

    private sealed record JsonRoute(HttpMethod Method, string Path, bool Authenticated, Func<Dictionary<string, string>> ValidFields, string[] RequiredTextFields);

    [Fact]
    public async Task Hostile_requests_never_get_a_5xx_and_get_the_4xx_the_contract_names()
    {
        var user = await _api.NewClient().RegisterAsync();
        var postId = (await user.CreatePostAsync("target")).GetProperty("postId").GetString()!;
        var cases = BuildCases(user.AccessToken, user.UserId, postId).ToList();
        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");

        var failures = new ConcurrentBag<string>();
        using var client = _api.CreateClient();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
        {
            using var request = new HttpRequestMessage(c.Method, c.Path);
            if (c.Token is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", c.Token);
            }

            if (c.Body is not null)
            {
                // The server answers an oversized body 413 without reading it and closes; with 100-continue the
                // client waits for that answer instead of writing into a closed socket (a broken pipe).
                request.Headers.ExpectContinue = c.Body.Length > RequestBodyLimitMiddleware.MaxBodyBytes;
                request.Content = new ByteArrayContent(c.Body);
                if (c.ContentType is not null)
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
                }
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500 || (c.Expected is not null && !c.Expected.Contains(status)))
            {
                failures.Add($"{c.Name}: {c.Method} {Shorten(c.Path)} -> {status} (expected {(c.Expected is null ? "< 500" : string.Join("/", c.Expected))}) {Shorten(body)}");
            }
            else if (status >= 400 && !(KestrelRefusals.Contains(status) && body.Length == 0)
                && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{c.Name}: {c.Method} {Shorten(c.Path)} -> {status} without a problem body");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} failed:\n{string.Join("\n", failures.Take(40))}");
    }

    private static IEnumerable<Case> BuildCases(string accessToken, string userId, string postId)
    {
        var bearer = "Bearer " + accessToken;
        JsonRoute[] jsonRoutes =
        [
            new(HttpMethod.Post, "/api/v1/auth/register", false,
                () => new() { ["handle"] = ApiClient.UniqueHandle("h"), ["displayName"] = "Hostile", ["password"] = "password1" }, ["handle", "displayName", "password"]),
            new(HttpMethod.Post, "/api/v1/auth/login", false, () => new() { ["handle"] = "nobody_here", ["password"] = "password1" }, ["handle", "password"]),
            new(HttpMethod.Post, "/api/v1/auth/refresh", false, () => new() { ["refreshToken"] = "x.y" }, ["refreshToken"]),
            new(HttpMethod.Post, "/api/v1/auth/logout", false, () => new() { ["refreshToken"] = "x.y" }, ["refreshToken"]),
            new(HttpMethod.Patch, "/api/v1/users/me", true, () => new() { ["displayName"] = "Name", ["bio"] = "Bio" }, []),
            new(HttpMethod.Post, "/api/v1/posts", true, () => new() { ["text"] = "hello", ["replyTo"] = postId }, ["text"]),
            new(HttpMethod.Post, $"/api/v1/posts/{postId}/comments", true, () => new() { ["text"] = "hello" }, ["text"]),
        ];

        foreach (var route in jsonRoutes)
        {
            var token = route.Authenticated ? bearer : null;
            foreach (var (name, body) in HostileInputs.MalformedBodies)
            {
                yield return new($"malformed {name}", route.Method, route.Path, Encoding.UTF8.GetBytes(body), "application/json", token, BadRequest);
            }

            var firstField = route.ValidFields().Keys.First();
            yield return new("invalid UTF-8", route.Method, route.Path, [.. Encoding.UTF8.GetBytes($"{{\"{firstField}\":\""), 0xFF, 0xFE, (byte)'"', (byte)'}'], "application/json", token, BadRequest);
            yield return new("text/plain", route.Method, route.Path, Encoding.UTF8.GetBytes(Json(route.ValidFields())), "text/plain", token, [415]);
            yield return new("xml", route.Method, route.Path, "<a/>"u8.ToArray(), "application/xml", token, [415]);
            yield return new("over 1 MB", route.Method, route.Path, Encoding.UTF8.GetBytes(Json(new() { ["text"] = new string('x', 1_100_000) })), "application/json", token, [413]);
            yield return new("no body", route.Method, route.Path, null, null, token, BadRequest);

            foreach (var field in route.ValidFields().Keys)
            {
                foreach (var (kind, literal) in new[] { ("number", "123"), ("bool", "true"), ("array", "[\"a\"]"), ("object", "{\"$ne\":null}") })
                {
                    yield return new($"{field} as {kind}", route.Method, route.Path, Encoding.UTF8.GetBytes(Json(route.ValidFields(), field, literal)), "application/json", token, BadRequest);
                }

                var nullExpected = route.RequiredTextFields.Contains(field) ? BadRequest : null;
                yield return new($"{field} null", route.Method, route.Path, Encoding.UTF8.GetBytes(Json(route.ValidFields(), field, "null")), "application/json", token, nullExpected);

                foreach (var (name, value) in HostileInputs.Strings)
                {
                    var refused = IsUnstorable(value) && field is "displayName" or "bio" or "text" ? BadRequest : null;
                    yield return new($"{field} {name}", route.Method, route.Path, Encoding.UTF8.GetBytes(Json(route.ValidFields(), field, HostileInputs.JsonString(value))), "application/json", token, refused);
                }
            }
        }

        string[] idRoutes =
        [
            "GET /api/v1/users/{0}", "PUT /api/v1/users/{0}/follow", "DELETE /api/v1/users/{0}/follow", "GET /api/v1/users/{0}/followers",
            "GET /api/v1/users/{0}/following", "GET /api/v1/users/{0}/posts", "GET /api/v1/posts/{0}", "DELETE /api/v1/posts/{0}",
            "PUT /api/v1/posts/{0}/like", "DELETE /api/v1/posts/{0}/like", "GET /api/v1/posts/{0}/comments", "POST /api/v1/posts/{0}/comments",
        ];
        foreach (var route in idRoutes)
        {
            var (method, template) = Split(route);
            var body = method == HttpMethod.Post ? "{\"text\":\"hi\"}"u8.ToArray() : null;
            foreach (var (name, value) in HostileInputs.Strings)
            {
                if (value.Length == 0 || value == "me")
                {
                    continue;
                }

                // A hostile id names nothing: never 5xx, and never a success that touched something. Kestrel itself
                // refuses some before the app sees them (400 for a NUL in the path, 414 for a 120 kB URL).
                yield return new($"id {name}", method, string.Format(template, HostileInputs.PercentEncode(value)), body, body is null ? null : "application/json", bearer, IdExpectations(route));
            }
        }

        string[] protectedRoutes =
        [
            "GET /api/v1/users/me", "PATCH /api/v1/users/me", "GET /api/v1/users/me/suggestions", $"GET /api/v1/users/{userId}",
            $"PUT /api/v1/users/{userId}/follow", $"DELETE /api/v1/users/{userId}/follow", $"GET /api/v1/users/{userId}/followers",
            $"GET /api/v1/users/{userId}/following", $"GET /api/v1/users/{userId}/posts", "POST /api/v1/posts", $"GET /api/v1/posts/{postId}",
            $"DELETE /api/v1/posts/{postId}", $"PUT /api/v1/posts/{postId}/like", $"DELETE /api/v1/posts/{postId}/like",
            $"POST /api/v1/posts/{postId}/comments", $"GET /api/v1/posts/{postId}/comments", "GET /api/v1/feed", "GET /api/v1/notifications",
            "POST /api/v1/notifications/read",
        ];
        string?[] badTokens =
        [
            null, "Bearer", "Bearer ", "Bearer garbage", "Bearer " + TestTokens.Unsigned(userId),
            "Bearer " + TestTokens.Hs256(userId, expires: DateTime.UtcNow.AddHours(-1), issuedAt: DateTime.UtcNow.AddHours(-2)),
            "Bearer " + TestTokens.Hs256(userId, key: "a-forged-key-that-is-long-enough-for-hs256-signing"), "Bearer " + new string('a', 10_000),
            "bearer " + accessToken + "x", "Basic " + accessToken,
        ];
        foreach (var route in protectedRoutes)
        {
            var (method, path) = Split(route);
            foreach (var token in badTokens)
            {
                yield return new($"token {Shorten(token ?? "none", 20)}", method, path, null, null, token, Unauthorized);
            }
        }

        string[] lists =
        [
            "/api/v1/feed", "/api/v1/notifications", $"/api/v1/users/{userId}/followers", $"/api/v1/users/{userId}/following",
            $"/api/v1/users/{userId}/posts", $"/api/v1/posts/{postId}/comments", "/api/v1/users/me/suggestions",
        ];
        foreach (var list in lists)
        {
            foreach (var limit in HostileInputs.BadLimits)
            {
                yield return new($"limit '{limit}'", HttpMethod.Get, $"{list}?limit={limit}", null, null, bearer, BadRequest);
            }

            foreach (var cursor in HostileInputs.BadCursors)
            {
                yield return new($"cursor '{Shorten(cursor, 20)}'", HttpMethod.Get, $"{list}?cursor={cursor}", null, null, bearer, BadRequest);
            }

            yield return new("repeated limit", HttpMethod.Get, $"{list}?limit=1&limit=2", null, null, bearer, BadRequest);
        }

        string[] wrongMethods =
        [
            "PATCH /api/v1/feed", "PUT /api/v1/auth/login", "GET /api/v1/auth/register", "DELETE /api/v1/notifications",
            "POST /api/v1/users/me", "PUT /api/v1/posts", "POST /api/v1/feed", "GET /api/v1/notifications/read", $"PATCH /api/v1/posts/{postId}",
            $"POST /api/v1/users/{userId}",
        ];
        foreach (var route in wrongMethods)
        {
            var (method, path) = Split(route);
            yield return new("wrong method", method, path, null, null, bearer, [405]);
        }

        string[] oddPaths =
        [
            "/api/v1/posts/..%2f..%2fusers", "/api/v1/users/%2e%2e/me", "/api/v1/posts/%00", "/api/v1//posts", $"/api/v1/posts/{postId}/like/extra",
            "/api/v1/users/me/suggestions/extra", "/api/v1/users/%20", "/api/v1/POSTS", "/api/v1/feed/..", "/api/v1/feed;jsessionid=1",
        ];
        foreach (var path in oddPaths)
        {
            yield return new("odd path", HttpMethod.Get, path, null, null, bearer, null);
        }
    }

    // The register cases run alongside and may claim a hostile value that is a valid handle ("null"), which the
    // profile route then finds; unfollowing a user who does not exist is an idempotent 204.
    private static int[] IdExpectations(string route) => route switch
    {
        "GET /api/v1/users/{0}" => [200, 400, 404, 414],
        "DELETE /api/v1/users/{0}/follow" => [204, 400, 404, 414],
        _ => [400, 404, 414],
    };

    private static bool IsUnstorable(string value) => value.Contains('\0') || value.Contains('\uD800') || value.Contains('\uDC00');

    private static string Json(Dictionary<string, string> fields, string? replaceField = null, string? literal = null) =>
        "{" + string.Join(",", fields.Select(f => $"{HostileInputs.JsonString(f.Key)}:{(f.Key == replaceField ? literal : HostileInputs.JsonString(f.Value))}")) + "}";

    private static (HttpMethod Method, string Path) Split(string route)
    {
        var space = route.IndexOf(' ');
        return (new HttpMethod(route[..space]), route[(space + 1)..]);
    }

    private static string Shorten(string text, int max = 160) => text.Length <= max ? text : text[..max] + "…";
}
