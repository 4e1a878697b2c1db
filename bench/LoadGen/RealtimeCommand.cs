using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Playbound.Bench.Results;

namespace Playbound.LoadGen;

/// <summary>
/// Measures live push against a running Api: registers an author and <c>--followers</c> followers over REST, opens
/// <c>--connections-per-user</c> hub connections for each follower with the official SignalR .NET client (WebSockets
/// straight away, no negotiate round trip, the token as <c>?access_token=</c> as browsers send it), then the author posts
/// <c>--posts</c> times, <c>--interval-ms</c> apart. Latency is from just before the POST is sent to the moment the
/// client hands a connection the pushed post (the first thing its <c>feedPost</c> handler does is read the clock), over
/// every delivery after the first <c>--warmup</c> posts (which activate the feeds and JIT the path); a second line
/// tells the posts apart (how long a post's 1,000 deliveries spread, which posts were late as a whole), since a p99
/// over 100 posts is set by its one or two slowest posts. With <c>--server-pid</c> it also reports the server's
/// resident memory per connection, and with <c>--settle-seconds</c> again every 10 s while the connections sit idle.
/// The server must allow the registrations (raise Playbound:RateLimit:Auth) and may hash passwords cheaply
/// (Playbound:Auth:PasswordHashIterations): neither touches the push path.
/// </summary>
public static class RealtimeCommand
{
    public static async Task<int> RunAsync(LoadGenOptions options)
    {
        var baseUrl = new Uri(options.Text("url", "http://127.0.0.1:5080"));
        var followers = options.Number("followers", 1_000);
        var perUser = options.Number("connections-per-user", 1);
        var posts = options.Number("posts", 50);
        var warmup = options.Number("warmup", 5);
        var interval = TimeSpan.FromMilliseconds(options.Number("interval-ms", 100));
        var serverPid = options.Number("server-pid", 0);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

        var run = Guid.NewGuid().ToString("N")[..6];
        var author = await RegisterAsync(http, $"rt{run}_author");
        var fans = new string[followers];
        await Parallel.ForEachAsync(Enumerable.Range(0, followers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var fan = await RegisterAsync(http, $"rt{run}_{i}");
            await SendAsync(http, HttpMethod.Put, $"/api/v1/users/{author.UserId}/follow", fan.Token, body: null);
            fans[i] = fan.Token;
        });
        Console.WriteLine($"{followers:N0} followers registered and following");

        var rssBefore = ResidentKiB(serverPid);
        var hubUrl = new Uri(baseUrl, "/hubs/feed");
        var started = new long[warmup + posts];
        var latencies = new List<Delivery>[followers * perUser];
        var connections = new HubConnection[followers * perUser];
        var closedEarly = 0;
        var opening = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, connections.Length), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, ct) =>
        {
            var received = latencies[i] = new List<Delivery>(posts);
            var hub = connections[i] = Connect(hubUrl, fans[i / perUser]);
            // The client runs one connection's handlers one at a time, so each list has a single writer.
            hub.On<PushedPost>("feedPost", post =>
            {
                var at = Stopwatch.GetTimestamp();
                if (PostNumber(post) is var number && number >= warmup)
                {
                    received.Add(new Delivery(number, Stopwatch.GetElapsedTime(started[number], at).TotalMilliseconds));
                }
            });
            hub.Closed += _ =>
            {
                Interlocked.Increment(ref closedEarly);
                return Task.CompletedTask;
            };
            await hub.StartAsync(ct);
        });
        Console.WriteLine($"{connections.Length:N0} connections open in {opening.Elapsed.TotalSeconds:N1} s");
        await Task.Delay(TimeSpan.FromSeconds(2));
        ReportMemory(serverPid, rssBefore, connections.Length);
        for (var idle = 10; idle <= options.Number("settle-seconds", 0); idle += 10)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            Console.Write($"after {idle} s idle: ");
            ReportMemory(serverPid, rssBefore, connections.Length);
        }

        var posting = new Stopwatch();
        for (var i = 0; i < warmup + posts; i++)
        {
            if (i == warmup)
            {
                posting.Start();
            }

            started[i] = Stopwatch.GetTimestamp();
            await SendAsync(http, HttpMethod.Post, "/api/v1/posts", author.Token, new { text = string.Create(CultureInfo.InvariantCulture, $"push #{i}") });
            await Task.Delay(interval);
        }

        var elapsed = posting.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var closed = Volatile.Read(ref closedEarly);
        await Task.WhenAll(connections.Select(static c => c.DisposeAsync().AsTask()));
        var deliveries = latencies.SelectMany(static l => l).ToList();
        var latency = LatencyDistribution.FromSamples(deliveries.Select(static d => d.Milliseconds));
        Console.WriteLine(DescribePosts(deliveries));
        var expected = (long)posts * connections.Length;
        Console.WriteLine($"{latency.Count:N0} of {expected:N0} pushes received, {closed} connections closed early");
        // Pushes per second over the measured posts; each is timed from just before its POST to its handler.
        ResultsOutput.Report(options, BenchmarkResult.Create(
            options.Text("scenario", $"post to socket, {connections.Length:N0} connections"), options.Parameters, latency.Count,
            expected - latency.Count, elapsed, "pushes/s", latency));
        return 0;
    }

    // No automatic reconnect: a connection that closes early is counted, not hidden.
    private static HubConnection Connect(Uri hubUrl, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri($"{hubUrl}?access_token={Uri.EscapeDataString(token)}"), static o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();

    /// <summary>
    /// The median post's first and last delivery, and how many posts had their median delivery past 50 ms (late as a
    /// whole: held up before the fan-out pushed, or a pause on either side), naming the five latest.
    /// </summary>
    private static string DescribePosts(List<Delivery> deliveries)
    {
        var posts = deliveries.GroupBy(static d => d.Post).Select(static g =>
        {
            var ms = g.Select(static d => d.Milliseconds).Order().ToArray();
            return (Post: g.Key, First: ms[0], Median: ms[ms.Length / 2], Last: ms[^1]);
        }).ToList();
        if (posts.Count == 0)
        {
            return "no post was delivered";
        }

        static double MedianOf(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        var late = posts.Where(static p => p.Median > 50).OrderByDescending(static p => p.Median).ToList();
        var latest = string.Join(", ", late.Take(5).Select(static p => string.Create(CultureInfo.InvariantCulture, $"#{p.Post} {p.Median:F0} ms")));
        return string.Create(CultureInfo.InvariantCulture,
            $"per post: first delivery {MedianOf(posts.Select(static p => p.First)):F1} ms, last {MedianOf(posts.Select(static p => p.Last)):F1} ms (medians over {posts.Count} posts); {late.Count} late as a whole (median delivery > 50 ms){(late.Count > 0 ? $", the latest {latest}" : "")}");
    }

    private static int PostNumber(PushedPost post) => int.Parse(post.Text.AsSpan("push #".Length), CultureInfo.InvariantCulture);

    private static void ReportMemory(int pid, long before, int connections)
    {
        if (pid == 0)
        {
            return;
        }

        var after = ResidentKiB(pid);
        Console.WriteLine($"server RSS {before / 1024.0:N0} MiB -> {after / 1024.0:N0} MiB: {(after - before) / (double)connections:N1} KiB per connection");
    }

    private static long ResidentKiB(int pid) => pid == 0
        ? 0
        : long.Parse(
            File.ReadLines($"/proc/{pid}/status").First(static l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture);

    private static async Task<(string UserId, string Token)> RegisterAsync(HttpClient http, string handle)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/register", new { handle, displayName = handle, password = DriveCommand.Password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("userId").GetString()!, body.RootElement.GetProperty("accessToken").GetString()!);
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>One push received: which post, and how long after its POST was sent.</summary>
internal readonly record struct Delivery(int Post, double Milliseconds);

/// <summary>The one field of a pushed post the benchmark reads; skipping the rest keeps the client's share of the cores small.</summary>
internal sealed record PushedPost(string Text);
