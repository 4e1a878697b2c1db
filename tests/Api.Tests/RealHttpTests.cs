using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>The same Api behind real Kestrel sockets: limits that only a real server enforces, and raw malformed HTTP.</summary>
public sealed class RealHttpTests(RealHttpTests.KestrelApi api) : IClassFixture<RealHttpTests.KestrelApi>
{
    private readonly HttpClient _http = api.Http;

    [Fact]
    public async Task Bodies_over_one_megabyte_are_413_problems_over_real_sockets_declared_or_chunked()
    {
        var body = Encoding.UTF8.GetBytes("{\"text\":\"" + new string('x', 1_200_000) + "\"}");
        var declared = new ByteArrayContent(body);
        declared.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var chunked = new StreamContent(new MemoryStream(body));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await Expect.ProblemAsync(await PostExpectingContinueAsync(declared), HttpStatusCode.RequestEntityTooLarge);
        await Expect.ProblemAsync(await PostExpectingContinueAsync(chunked), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_real_client_gets_json_problems_and_no_server_header()
    {
        var response = await _http.GetAsync("/api/v1/feed");

        await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(response.Headers.Server);
    }

    [Theory]
    [InlineData("GET /api/v1/feed\0 HTTP/1.1")]
    [InlineData("GET /api/v1/users/%00 HTTP/1.1")]
    [InlineData("GET /../../etc/passwd HTTP/1.1")]
    [InlineData("BREW /api/v1/feed HTTP/1.1")]
    [InlineData("GARBAGE")]
    // Not here: "HTTP/9.9", which Kestrel answers 505 (RFC 9110's status for an unsupported version) before the app runs.
    public async Task Raw_malformed_request_lines_never_get_a_5xx(string requestLine)
    {
        var status = await SendRawAsync($"{requestLine}\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.InRange(status, 400, 499);
    }

    [Fact]
    public async Task Oversized_headers_are_refused_without_a_5xx()
    {
        var status = await SendRawAsync($"GET /api/v1/feed HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {new string('a', 64 * 1024)}\r\nConnection: close\r\n\r\n");

        Assert.InRange(status, 400, 499);
    }

    // The server answers 413 without reading the body and closes; with 100-continue the client reads that answer
    // rather than failing with a broken pipe halfway through its upload.
    private Task<HttpResponseMessage> PostExpectingContinueAsync(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = content };
        request.Headers.ExpectContinue = true;
        return _http.SendAsync(request);
    }

    private async Task<int> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_http.BaseAddress!.Host, _http.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var statusLine = await reader.ReadLineAsync() ?? "";
        return int.Parse(statusLine.Split(' ')[1]);
    }

    /// <summary>One Api on real Kestrel sockets, shared by the tests above: none of them changes its state.</summary>
    public sealed class KestrelApi : IDisposable
    {
        private readonly PlayboundApiFactory _factory = new();

        public KestrelApi()
        {
            _factory.UseKestrel(0);
            _factory.StartServer();
            Http = _factory.CreateClient();
        }

        public HttpClient Http { get; }

        public void Dispose()
        {
            Http.Dispose();
            _factory.Dispose();
        }
    }
}
