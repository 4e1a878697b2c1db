using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Playbound.Cluster.Tests.Infrastructure;

/// <summary>
/// Authors with many followers posting concurrently through both Api nodes, every call made through
/// <see cref="RetryingCalls"/>; afterwards the followers' feeds in Redis say whether every follower got every post once.
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

    /// <summary>The authors, signed in.</summary>
    public IReadOnlyList<ApiClient> Authors => _authors;

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
    /// Polls until every follower's feed in Redis holds every post its authors' posts table lists (fan-out is
    /// eventually consistent), then checks exactly: no post missing, none twice, every acknowledged post stored.
    /// </summary>
    public async Task AssertFeedsCompleteAsync(TimeSpan within)
    {
        var authorIds = AuthorIds();
        var deadline = DateTime.UtcNow + within;
        long missing;
        while ((missing = await MissingEntriesAsync(authorIds)) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw cluster.Failure($"{missing} feed entries still missing after {within.TotalSeconds} s");
            }

            await Task.Delay(500);
        }

        var posts = (await cluster.QueryIdsAsync("SELECT post_id FROM posts WHERE author_id = ANY($1)", authorIds)).ToHashSet();
        var acknowledgedStored = await cluster.ScalarAsync<long>("SELECT count(*) FROM posts WHERE post_id = ANY($1)", _acknowledged.ToArray());
        var followers = await FollowersAsync(authorIds);
        Assert.Equal(_acknowledged.Count, acknowledgedStored);
        Assert.True(posts.Count >= _acknowledged.Count, $"{posts.Count} posts stored, {_acknowledged.Count} acknowledged");
        Assert.Equal(Volatile.Read(ref _followers), followers.Count);
        foreach (var follower in followers)
        {
            var theirs = (await cluster.StoredFeedAsync(follower)).Where(posts.Contains).ToList();
            Assert.Equal(posts.Count, theirs.Count);
            Assert.Equal(theirs.Count, theirs.Distinct().Count());
        }
    }

    // (follower, post) pairs of the workload's authors without their feed entry. Followers added for API checks count too.
    private async Task<long> MissingEntriesAsync(long[] authorIds)
    {
        var posts = (await cluster.QueryIdsAsync("SELECT post_id FROM posts WHERE author_id = ANY($1)", authorIds)).ToHashSet();
        long missing = 0;
        foreach (var follower in await FollowersAsync(authorIds))
        {
            missing += posts.Count - (await cluster.StoredFeedAsync(follower)).Count(posts.Contains);
        }

        return missing;
    }

    private Task<List<long>> FollowersAsync(long[] authorIds) =>
        cluster.QueryIdsAsync("SELECT DISTINCT follower_id FROM follows WHERE following AND followee_id = ANY($1)", authorIds);

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
