using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// Authors with many followers posting concurrently through both Api nodes, every call made through
/// <see cref="RetryingCalls"/>; afterwards the feed_entries table says whether every follower got every post once.
/// </summary>
public sealed class FanoutWorkload(ClusterProcesses cluster, int authors, int followers, int postsPerAuthor)
{
    private const int SetupParallelism = 4;

    private readonly List<ApiClient> _authors = [];
    private readonly ConcurrentBag<long> _acknowledged = [];
    private int _posted;
    private int _followers;

    /// <summary>The calls of the workload and how they fared.</summary>
    public RetryingCalls Calls { get; } = new();

    /// <summary>Posts acknowledged with 201 so far.</summary>
    public int Posted => Volatile.Read(ref _posted);

    /// <summary>The posts the workload makes at least.</summary>
    public int TotalPosts => authors * postsPerAuthor;

    /// <summary>Registers the authors and followers; every follower follows every author.</summary>
    public async Task SetUpAsync()
    {
        for (var i = 0; i < authors; i++)
        {
            _authors.Add(await NewUserAsync());
        }

        await Parallel.ForAsync(0, followers, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (_, _) =>
        {
            await NewFollowerAsync();
        });
    }

    /// <summary>A follower of every author, for checks through the API.</summary>
    public async Task<ApiClient> NewFollowerAsync()
    {
        var follower = await NewUserAsync();
        foreach (var author in _authors)
        {
            await Calls.ExpectAsync("follow", HttpStatusCode.NoContent, () => follower.PutAsync($"/api/v1/users/{author.UserId}/follow"));
        }

        Interlocked.Increment(ref _followers);
        return follower;
    }

    /// <summary>
    /// Every author posts its posts one after another, all authors at once, and goes on posting until
    /// <paramref name="continueUntil"/> (when given) has completed.
    /// </summary>
    public Task PostAllAsync(Task? continueUntil = null) => Task.WhenAll(_authors.Select(async author =>
    {
        for (var n = 0; n < postsPerAuthor || continueUntil is { IsCompleted: false }; n++)
        {
            var body = await Calls.ExpectAsync("post", HttpStatusCode.Created, () => author.PostAsync("/api/v1/posts", new { text = $"fan-out #{n}" }));
            _acknowledged.Add(long.Parse(JsonDocument.Parse(body).RootElement.GetProperty("postId").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Interlocked.Increment(ref _posted);
        }
    }));

    /// <summary>Waits until <paramref name="count"/> posts were acknowledged (or posting ended).</summary>
    public async Task WaitUntilPostedAsync(int count, Task posting)
    {
        while (Posted < count && !posting.IsCompleted)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Polls until every follower's feed holds every post its authors' posts table lists (fan-out is eventually
    /// consistent), then checks the counts exactly: no post missing, none twice, every acknowledged post present.
    /// </summary>
    public async Task AssertFeedsCompleteAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        long missing;
        while ((missing = await MissingEntriesAsync()) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw cluster.Failure($"{missing} feed entries still missing after {within.TotalSeconds} s");
            }

            await Task.Delay(500);
        }

        var authorIds = AuthorIds();
        var posts = await cluster.ScalarAsync<long>("SELECT count(*) FROM posts WHERE author_id = ANY($1)", authorIds);
        var entries = await cluster.ScalarAsync<long>("SELECT count(*) FROM feed_entries WHERE author_id = ANY($1) AND user_id <> ALL($1)", authorIds);
        var distinct = await cluster.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT DISTINCT user_id, post_id FROM feed_entries WHERE author_id = ANY($1) AND user_id <> ALL($1)) AS e", authorIds);
        var acknowledgedStored = await cluster.ScalarAsync<long>("SELECT count(*) FROM posts WHERE post_id = ANY($1)", _acknowledged.ToArray());

        Assert.Equal(_acknowledged.Count, acknowledgedStored);
        Assert.True(posts >= _acknowledged.Count, $"{posts} posts stored, {_acknowledged.Count} acknowledged");
        Assert.Equal(posts * Volatile.Read(ref _followers), entries);
        Assert.Equal(entries, distinct);
    }

    // A (follower, post) pair of the workload's authors without its feed entry. Followers added for API checks count too.
    private Task<long> MissingEntriesAsync() => cluster.ScalarAsync<long>(
        "SELECT count(*) FROM follows f JOIN posts p ON p.author_id = f.followee_id " +
        "LEFT JOIN feed_entries e ON e.user_id = f.follower_id AND e.post_id = p.post_id " +
        "WHERE f.following AND f.followee_id = ANY($1) AND e.post_id IS NULL",
        AuthorIds());

    private long[] AuthorIds() => [.. _authors.Select(a => long.Parse(a.UserId, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Registers a user through <see cref="Calls"/>.</summary>
    public async Task<ApiClient> NewUserAsync()
    {
        var user = new ApiClient(cluster.NewRoundRobinHttpClient());
        var body = await Calls.ExpectAsync("register", HttpStatusCode.Created, () => user.Http.PostAsJsonAsync(
            "/api/v1/auth/register", new { handle = ApiClient.UniqueHandle("f"), displayName = "Fan", password = "correct horse" }));
        user.SignIn(JsonDocument.Parse(body).RootElement.Clone());
        return user;
    }
}
