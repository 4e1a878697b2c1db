using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Playbound.TestKit.ApiContract;

/// <summary>An HTTP client for one caller of the Api: registers or logs in, then sends the access token on every call.</summary>
public sealed class ApiClient(HttpClient http)
{
    private static int _sequence;

    /// <summary>The underlying client (no token unless <see cref="UseToken"/> was called).</summary>
    public HttpClient Http { get; } = http;

    /// <summary>The signed-in user's id.</summary>
    public string UserId { get; private set; } = "";

    /// <summary>The signed-in user's handle.</summary>
    public string Handle { get; private set; } = "";

    /// <summary>The current access token.</summary>
    public string AccessToken { get; private set; } = "";

    /// <summary>The current refresh token.</summary>
    public string RefreshToken { get; private set; } = "";

    /// <summary>A handle no other test uses: <paramref name="prefix"/> plus a counter and random digits.</summary>
    public static string UniqueHandle(string prefix = "u") =>
        $"{prefix}{Interlocked.Increment(ref _sequence)}_{Random.Shared.Next(100_000, 999_999)}";

    /// <summary>Registers a new user (201 expected) and signs this client in as them.</summary>
    public async Task<ApiClient> RegisterAsync(string? handle = null, string displayName = "Test User", string password = "correct horse")
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/register", new { handle = handle ?? UniqueHandle(), displayName, password });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        SignIn(await Expect.JsonAsync(response));
        return this;
    }

    /// <summary>Applies a token pair from a register, login or refresh response.</summary>
    public void SignIn(JsonElement tokens)
    {
        UserId = tokens.GetProperty("userId").GetString()!;
        Handle = tokens.GetProperty("handle").GetString()!;
        RefreshToken = tokens.GetProperty("refreshToken").GetString()!;
        UseToken(tokens.GetProperty("accessToken").GetString()!);
    }

    /// <summary>Sends <paramref name="token"/> as the bearer token from now on.</summary>
    public void UseToken(string token)
    {
        AccessToken = token;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>GET.</summary>
    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path);

    /// <summary>DELETE.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string path) => Http.DeleteAsync(path);

    /// <summary>PUT without a body.</summary>
    public Task<HttpResponseMessage> PutAsync(string path) => Http.PutAsync(path, content: null);

    /// <summary>POST <paramref name="body"/> as JSON (no body when null).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        body is null ? Http.PostAsync(path, content: null) : Http.PostAsJsonAsync(path, body);

    /// <summary>PATCH <paramref name="body"/> as JSON.</summary>
    public Task<HttpResponseMessage> PatchAsync(string path, object body) => Http.PatchAsJsonAsync(path, body);

    /// <summary>Sends raw text with a content type, for malformed bodies.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string? body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return Http.SendAsync(request);
    }

    /// <summary>GET that must answer 200; returns the JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await GetAsync(path);
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        return await Expect.JsonAsync(response);
    }

    /// <summary>Publishes a post (201 expected) and returns it.</summary>
    public async Task<JsonElement> CreatePostAsync(string text, string? replyTo = null)
    {
        var response = await PostAsync("/api/v1/posts", new { text, replyTo });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        return await Expect.JsonAsync(response);
    }

    /// <summary>Follows <paramref name="other"/> (204 expected).</summary>
    public async Task FollowAsync(ApiClient other) =>
        await Expect.StatusAsync(await PutAsync($"/api/v1/users/{other.UserId}/follow"), HttpStatusCode.NoContent);
}
