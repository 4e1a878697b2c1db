using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Playbound.Bench.Results;

namespace Playbound.LoadGen;

/// <summary>
/// Drives the HTTP API: logs in a sample of seeded users, then keeps <c>--concurrency</c> requests in flight for
/// <c>--seconds</c> after a warm-up (closed loop: as fast as the server answers), or, with <c>--rate R</c>, sends R
/// requests a second on a fixed schedule with up to <c>--concurrency</c> in flight (open loop: latency then counts
/// from when a request was due, so time spent queued behind a slow server is measured rather than omitted), and
/// reports throughput and latency percentiles per operation. Each
/// request reads <c>--path</c> (the home feed; several paths separated by <c>|</c> take turns) as one of the sampled users, except a <c>--post-percent</c> share that
/// publishes a post as that user (a 95/5 mix is <c>--post-percent 5</c>; 100 only posts). With <c>--baseline</c> it
/// sends the user id in an X-User-Id header instead (the baseline server has no auth, and only reads).
/// <c>--url</c> may list several Api nodes, comma-separated: workers are spread over them, as a load balancer would
/// spread clients.
/// </summary>
public static class DriveCommand
{
    public const string Password = "password123";

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(LoadGenOptions options)
    {
        var baseUrls = options.Text("url", "http://127.0.0.1:5080").Split(',').Select(static u => new Uri(u)).ToArray();
        var readPath = options.Text("path", "/api/v1/feed");
        var concurrency = options.Number("concurrency", 32);
        var duration = TimeSpan.FromSeconds(options.Number("seconds", 20));
        var postPercent = options.Real("post-percent", 0);
        var rate = options.Real("rate", 0);
        var baseline = options.Flag("baseline");
        var scenario = options.Text("scenario", baseline ? "baseline feed reads" : "feed reads");
        if (baseline && postPercent > 0)
        {
            Console.Error.WriteLine("The baseline serves feed reads only: --post-percent needs the Playbound Api.");
            return 2;
        }

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
            var credentials = baseline
                ? users.Select(static u => (Name: "X-User-Id", Value: u.UserId)).ToArray()
                : await LoginAllAsync(clients[0], users);
            Console.WriteLine($"{credentials.Length} users ready; warming up against {clients.Length} node(s)");

            var load = new Load(clients, credentials, concurrency, postPercent, rate);
            await load.RunAsync(WarmUp, Operations(readPath));
            var operations = Operations(readPath);
            var elapsed = await load.RunAsync(duration, operations);
            var measured = operations.Select(static o => (o.Name, o.Errors, Latency: o.Latencies.Distribution()))
                .Where(static o => o.Latency.Count + o.Errors > 0).ToArray();
            ResultsOutput.Report(options, [.. measured.Select(o => BenchmarkResult.Create(
                measured.Length > 1 ? $"{scenario}: {o.Name}" : scenario, options.Parameters, o.Latency.Count, o.Errors, elapsed, "req/s",
                o.Latency))]);
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

    private static DriveOperation[] Operations(string readPath) =>
        [new("read", HttpMethod.Get, readPath), new("post", HttpMethod.Post, "/api/v1/posts")];

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

    /// <summary>One kind of request and what it measured.</summary>
    private sealed class DriveOperation(string name, HttpMethod method, string path)
    {
        private long _errors;

        public string Name => name;

        public LatencyRecorder Latencies { get; } = new();

        public long Errors => _errors;

        private readonly string[] _paths = path.Split('|');

        public HttpRequestMessage NewRequest(int worker, long sequence) => new(method, _paths[sequence % _paths.Length])
        {
            Content = method == HttpMethod.Post ? JsonContent.Create(new { text = $"load test post {sequence} from worker {worker}" }) : null,
        };

        public void Failed() => Interlocked.Increment(ref _errors);
    }

    /// <summary>Each worker sends one request at a time, when <see cref="Schedule"/> says, round-robin over the users.</summary>
    private sealed class Load(HttpClient[] clients, (string Name, string Value)[] credentials, int concurrency, double postPercent, double rate)
    {
        public async Task<TimeSpan> RunAsync(TimeSpan duration, DriveOperation[] operations)
        {
            var (read, post) = (operations[0], operations[1]);
            var stopwatch = Stopwatch.StartNew();
            var schedule = new Schedule(rate, duration, stopwatch);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
            {
                // Seeded per worker, so a run's sequence of reads and posts is the same every time.
                var choice = new Random(worker);
                var latencies = (Read: read.Latencies.ForWorker(), Post: post.Latencies.ForWorker());
                var http = clients[worker % clients.Length];
                var next = (long)worker;
                while (await schedule.NextAsync() is { } due)
                {
                    var isPost = choice.NextDouble() * 100 < postPercent;
                    var operation = isPost ? post : read;
                    var (name, value) = credentials[next++ % credentials.Length];
                    using var request = operation.NewRequest(worker, next);
                    request.Headers.TryAddWithoutValidation(name, value);

                    // The timer may wake a few milliseconds early (its clock ticks coarser than the stopwatch): then the
                    // request is timed from when it was sent, so no latency comes out negative.
                    var from = TimeSpan.FromTicks(Math.Max(due.Ticks, stopwatch.Elapsed.Ticks));
                    try
                    {
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        if (!response.IsSuccessStatusCode)
                        {
                            operation.Failed();
                            continue;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        operation.Failed();
                        continue;
                    }

                    (isPost ? latencies.Post : latencies.Read).Add((stopwatch.Elapsed - from).TotalMilliseconds);
                }
            })));
            return stopwatch.Elapsed;
        }
    }

    /// <summary>
    /// When the next request is due: now, in a closed loop (<c>rate</c> 0), or the next slot of a fixed schedule of
    /// <c>rate</c> requests a second, waited for if it lies ahead; null once the run's time is up.
    /// </summary>
    private sealed class Schedule(double rate, TimeSpan duration, Stopwatch clock)
    {
        private long _taken = -1;

        public async ValueTask<TimeSpan?> NextAsync()
        {
            var due = rate > 0 ? TimeSpan.FromSeconds(Interlocked.Increment(ref _taken) / rate) : clock.Elapsed;
            if (due >= duration)
            {
                return null;
            }

            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            return due;
        }
    }
}
