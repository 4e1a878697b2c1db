using System.Collections.Concurrent;
using System.Net;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// What a well-behaved client does while a node fails over: resend a request that failed in transport or with a 5xx
/// after a growing pause, within a retry window of about <see cref="Window"/>. Every failed attempt is recorded, and so
/// is every call that still failed when the window closed.
/// </summary>
public sealed class RetryingCalls
{
    /// <summary>Pauses before each resend: 0.25 s doubling to 2 s, eight attempts in all.</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [.. new[] { 250, 500, 1000, 2000, 2000, 2000, 2000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    /// <summary>The retry window: the sum of the pauses (requests' own time comes on top).</summary>
    public static TimeSpan Window { get; } = TimeSpan.FromTicks(Backoff.Sum(b => b.Ticks));

    private readonly ConcurrentQueue<string> _retried = new();
    private readonly ConcurrentQueue<string> _failed = new();
    private int _calls;

    /// <summary>Calls made.</summary>
    public int Calls => _calls;

    /// <summary>Failed attempts that were retried, described (time, request, outcome).</summary>
    public IReadOnlyCollection<string> Retried => _retried;

    /// <summary>Calls that still failed after the last attempt: errors beyond the retry window.</summary>
    public IReadOnlyCollection<string> Failed => _failed;

    /// <summary>
    /// Sends <paramref name="send"/> until it answers below 500 or the attempts run out, and returns the last response
    /// (null when the last attempt threw). A 4xx is returned at once: resending would not change it.
    /// </summary>
    public async Task<HttpResponseMessage?> SendAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref _calls);
        for (var attempt = 0; ; attempt++)
        {
            string outcome;
            try
            {
                var response = await send();
                if ((int)response.StatusCode < 500)
                {
                    return response;
                }

                outcome = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (attempt == Backoff.Count)
                {
                    _failed.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: {outcome}");
                    return response;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                outcome = $"{e.GetType().Name}: {e.Message}";
                if (attempt == Backoff.Count)
                {
                    _failed.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: {outcome}");
                    return null;
                }
            }

            _retried.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what} attempt {attempt + 1}: {outcome}");
            await Task.Delay(Backoff[attempt]);
        }
    }

    /// <summary>Like <see cref="SendAsync"/>, and the final answer must be <paramref name="expected"/>; returns its body.</summary>
    public async Task<string> ExpectAsync(string what, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
    {
        var response = await SendAsync(what, send);
        if (response?.StatusCode != expected)
        {
            var body = response is null ? "no response" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            if (response is not null && (int)response.StatusCode < 500)
            {
                // Retries that ran out are recorded already; a wrong 4xx or 2xx is recorded here.
                _failed.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what}: expected {(int)expected}, got {body}");
            }

            throw new HttpRequestException($"{what}: expected {(int)expected}, got {body}");
        }

        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A summary for the test output.</summary>
    public string Report() =>
        $"{Calls} calls, {Retried.Count} retried attempts, {Failed.Count} failed calls\n"
        + string.Join('\n', Retried.Take(40).Concat(Failed.Select(f => "FAILED " + f)));
}
