using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Playbound.LoadGen;

/// <summary>
/// Drives one HTTP endpoint closed-loop: logs in a sample of seeded users, then keeps <c>--concurrency</c> requests
/// in flight for <c>--seconds</c> after a warm-up, and prints throughput and latency percentiles. With
/// <c>--baseline</c> it sends the user id in an X-User-Id header instead (the baseline server has no auth).
/// With <c>--post</c> it publishes posts instead of reading. <c>--url</c> may list several Api nodes, comma-separated:
/// workers are spread over them, as a load balancer would spread clients.
/// </summary>
public static class DriveCommand
{
    public const string Password = "password123";

    public static async Task<int> RunAsync(LoadGenOptions options)
    {
        var baseUrls = options.Text("url", "http://127.0.0.1:5080").Split(',').Select(static u => new Uri(u)).ToArray();
        var path = options.Text("path", "/api/v1/feed");
        var concurrency = options.Number("concurrency", 32);
        var duration = TimeSpan.FromSeconds(options.Number("seconds", 20));
        var post = options.Flag("post");
        var users = SeededUsers.Read(options.Text("users-file", "data/users.txt"))
            .OrderBy(static u => u.UserId.GetHashCode(StringComparison.Ordinal)).Take(options.Number("logins", 200)).ToArray();

        var clients = baseUrls.Select(url => new HttpClient(
            new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(30),
        }).ToArray();
        try
        {
            var credentials = options.Flag("baseline")
                ? users.Select(static u => (Name: "X-User-Id", Value: u.UserId)).ToArray()
                : await LoginAllAsync(clients[0], users);
            Console.WriteLine($"{credentials.Length} users ready; warming up against {clients.Length} node(s)");

            await RunPhaseAsync(clients, path, post, credentials, concurrency, TimeSpan.FromSeconds(3), new LatencyRecorder());
            var recorder = new LatencyRecorder();
            var (elapsed, errors) = await RunPhaseAsync(clients, path, post, credentials, concurrency, duration, recorder);
            Console.WriteLine($"{(post ? "POST" : "GET")} {path} concurrency={concurrency} nodes={clients.Length}: {recorder.Summarize(elapsed, errors)}");
            return 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<(string Name, string Value)[]> LoginAllAsync(HttpClient http, IReadOnlyList<SeededUser> users)
    {
        var tokens = new (string, string)[users.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { handle = users[i].Handle, password = Password }, ct);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            tokens[i] = ("Authorization", "Bearer " + body.RootElement.GetProperty("accessToken").GetString());
        });
        return tokens;
    }

    private static async Task<(TimeSpan Elapsed, long Errors)> RunPhaseAsync(
        HttpClient[] clients, string path, bool post, (string Name, string Value)[] credentials, int concurrency, TimeSpan duration,
        LatencyRecorder recorder)
    {
        var errors = 0L;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var latencies = recorder.ForWorker();
            var http = clients[worker % clients.Length];
            var next = worker;
            while (stopwatch.Elapsed < duration)
            {
                var (name, value) = credentials[next++ % credentials.Length];
                using var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation(name, value);
                if (post)
                {
                    request.Content = JsonContent.Create(new { text = $"load test post {next} from worker {worker}" });
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                    continue;
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        return (stopwatch.Elapsed, errors);
    }
}
