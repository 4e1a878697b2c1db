using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Playbound.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Playbound.Cluster.Tests;

/// <summary>Every silo killed outright (kill -9) while an account whose posts reached 1,000 feeds is being deleted.</summary>
[Collection(ProcessFailureCollection.Name)]
public sealed class SiloCrashDeletionTests(ITestOutputHelper output)
{
    private const int Followers = 1000;
    private const int Posts = 10;

    [Fact]
    public async Task After_the_silos_are_killed_in_the_middle_of_a_deletion_it_completes_and_nothing_of_the_account_remains()
    {
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 2);
        var workload = new FanoutWorkload(cluster, authors: 1, Followers, Posts);
        await workload.SetUpAsync();
        await workload.PostAllAsync();
        await workload.AssertFeedsCompleteAsync(TimeSpan.FromSeconds(90));
        var leaver = workload.Authors[0];
        var leaverId = long.Parse(leaver.UserId, CultureInfo.InvariantCulture);
        var posts = await cluster.QueryIdsAsync("SELECT post_id FROM posts WHERE author_id = $1", leaverId);
        Assert.Equal(Posts, posts.Count);

        await Expect.StatusAsync(
            await leaver.SendRawAsync(HttpMethod.Delete, "/api/v1/users/me", """{"password":"correct horse"}"""), HttpStatusCode.Accepted);

        // Whichever silo runs the deletion dies with the others, some steps done and some not.
        await Task.WhenAll(cluster.Silos.Select(static s => s.KillAsync()));
        var postsLeft = await cluster.ScalarAsync<long>("SELECT count(*) FROM posts WHERE author_id = $1", leaverId);
        var followsLeft = await cluster.ScalarAsync<long>("SELECT count(*) FROM follows WHERE following AND followee_id = $1", leaverId);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} killed every silo; {postsLeft} posts and {followsLeft} follows left");

        // Ending 1,000 follows takes seconds of grain calls: the kill came before the deletion was done.
        Assert.True(followsLeft > 0, "the kill must come in the middle of the deletion");
        await ClusterProcesses.RestartAllAsync(cluster.Silos);

        // The last step frees the handle; nothing calls the deletion in between but its reminder.
        await Expect.EventuallyAsync(
            async () =>
            {
                var again = await new ApiClient(cluster.NewRoundRobinHttpClient()).Http.PostAsJsonAsync(
                    "/api/v1/auth/register", new { handle = leaver.Handle, displayName = "Next", password = "correct horse" });
                await Expect.StatusAsync(again, HttpStatusCode.Created);
            },
            timeoutSeconds: 120);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} the handle is free again");

        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM posts WHERE author_id = $1", leaverId));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM follows WHERE following AND (followee_id = $1 OR follower_id = $1)", leaverId));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM users WHERE user_id = $1", leaverId));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM user_counts WHERE user_id = $1", leaverId));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM notifications WHERE actor_id = $1 OR user_id = $1", leaverId));
        Assert.Equal(0L, await cluster.ScalarAsync<long>("SELECT count(*) FROM post_tags WHERE post_id = ANY($1)", posts.ToArray()));
        foreach (var follower in await cluster.QueryIdsAsync("SELECT user_id FROM users"))
        {
            Assert.DoesNotContain(await cluster.StoredFeedAsync(follower), posts.Contains);
        }

        var reader = await workload.NewUserAsync();
        foreach (var post in posts)
        {
            await Expect.ProblemAsync(await reader.GetAsync($"/api/v1/posts/{post}"), HttpStatusCode.NotFound);
        }
    }
}
