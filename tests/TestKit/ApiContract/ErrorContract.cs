using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Playbound.TestKit.ApiContract;

/// <summary>Every error is RFC 9457 ProblemDetails with the status api.md names; bad input never becomes a 500.</summary>
public abstract class ErrorContract(IApiUnderTest api)
{
    private readonly IApiUnderTest _api = api;

    [Theory]
    [InlineData("{", "body")]
    [InlineData("not json", "body")]
    [InlineData("""{"handle": 5, "displayName": "x", "password": "password1"}""", "handle")]
    [InlineData("""{"handle": ["a"], "displayName": "x", "password": "password1"}""", "handle")]
    [InlineData("""{"handle": {"$ne": null}, "displayName": "x", "password": "password1"}""", "handle")]
    [InlineData("null", "body")]
    [InlineData("[]", "body")]
    [InlineData("\"just a string\"", "body")]
    public async Task Malformed_json_or_wrong_types_are_400_with_errors_naming_the_field(string body, string field)
    {
        var response = await _api.NewClient().SendRawAsync(HttpMethod.Post, "/api/v1/auth/register", body);

        await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_missing_body_is_400()
    {
        var response = await _api.NewClient().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", body: null);

        await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, "body");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_that_is_not_json_is_415(string contentType)
    {
        var response = await _api.NewClient().SendRawAsync(HttpMethod.Post, "/api/v1/auth/login", """{"handle":"a","password":"b"}""", contentType);

        await Expect.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_413_whether_its_length_is_declared_or_chunked()
    {
        var huge = "{\"handle\":\"x\",\"password\":\"y\",\"displayName\":\"" + new string('a', 1024 * 1024) + "\"}";
        var client = _api.NewClient();

        var declared = await client.SendRawAsync(HttpMethod.Post, "/api/v1/auth/register", huge);
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var streamed = await client.Http.PostAsync("/api/v1/auth/register", chunked);

        await Expect.ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        await Expect.ProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_read_normally()
    {
        var content = new StreamContent(new MemoryStream("""{"handle":"a"}"""u8.ToArray()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _api.NewClient().Http.PostAsync("/api/v1/auth/login", content);

        await Expect.ProblemAsync(response, HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task Unknown_fields_are_ignored()
    {
        var response = await _api.NewClient().SendRawAsync(
            HttpMethod.Post, "/api/v1/auth/register",
            $$"""{"handle":"{{ApiClient.UniqueHandle()}}","displayName":"X","password":"password1","isAdmin":true,"userId":"1"}""");

        await Expect.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Unknown_routes_are_404_and_wrong_methods_405_as_problems()
    {
        var client = _api.NewClient();

        await Expect.ProblemAsync(await client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        await Expect.ProblemAsync(await client.GetAsync("/api/v1/auth/login"), HttpStatusCode.MethodNotAllowed);
    }
}
