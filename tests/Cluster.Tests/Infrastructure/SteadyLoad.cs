using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// A few users who follow one another, each posting and reading their feed and a friend's profile in a loop through
/// both Api nodes, without retries: every request that does not succeed is recorded.
/// </summary>
public sealed class SteadyLoad : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private int _requests;

    private SteadyLoad()
    {
    }

    /// <summary>Requests sent so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests that failed: time, request, status or exception.</summary>
    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Registers <paramref name="users"/> users who all follow one another, and starts their loops.</summary>
    public static async Task<SteadyLoad> StartAsync(ClusterProcesses cluster, int users)
    {
        var clients = new List<ApiClient>();
        for (var i = 0; i < users; i++)
        {
            clients.Add(await new ApiClient(cluster.NewRoundRobinHttpClient()).RegisterAsync());
        }

        foreach (var follower in clients)
        {
            foreach (var followee in clients.Where(c => c != follower))
            {
                await follower.FollowAsync(followee);
            }
        }

        var load = new SteadyLoad();
        for (var i = 0; i < users; i++)
        {
            var (user, friend) = (clients[i], clients[(i + 1) % users]);
            load._workers.Add(Task.Run(() => load.RunAsync(user, friend)));
        }

        return load;
    }

    /// <summary>Waits until <paramref name="more"/> more requests have been sent, so each phase of a test is under load.</summary>
    public async Task WaitForRequestsAsync(int more)
    {
        var target = Requests + more;
        var deadline = Stopwatch.StartNew();
        while (Requests < target)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"the load sent fewer than {more} requests in 60 s");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops the loops and waits for their last requests.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task RunAsync(ApiClient user, ApiClient friend)
    {
        for (var i = 0; !_stop.IsCancellationRequested; i++)
        {
            await SendAsync("POST /posts", HttpStatusCode.Created, () => user.PostAsync("/api/v1/posts", new { text = $"steady #{i}" }));
            await SendAsync("GET /feed", HttpStatusCode.OK, () => user.GetAsync("/api/v1/feed?limit=20"));
            await SendAsync("GET /users/{friend}", HttpStatusCode.OK, () => user.GetAsync($"/api/v1/users/{friend.UserId}"));
            await Task.Delay(Pause);
        }
    }

    private async Task SendAsync(string what, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            using var response = await send();
            if (response.StatusCode != expected)
            {
                _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what} via {response.RequestMessage?.RequestUri?.Port}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: {e.GetType().Name}: {e.Message}");
        }
    }
}
