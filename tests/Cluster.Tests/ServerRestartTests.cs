using System.Net;
using Playbound.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Playbound.Cluster.Tests;

/// <summary>Redis and then PostgreSQL restart while posts fan out; the cluster rides through and recovers by itself.</summary>
[Collection(ServerRestartCollection.Name)]
public sealed class ServerRestartTests(ITestOutputHelper output)
{
    private const int Authors = 4;
    private const int PostsPerAuthor = 60;
    private const int Followers = 50;
    private static readonly TimeSpan RedisDown = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FeedsComplete = TimeSpan.FromSeconds(120);

    [ServerRestartFact]
    public async Task Restarting_Redis_then_PostgreSQL_during_fan_out_loses_no_post_and_the_cluster_recovers_on_its_own()
    {
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 2);
        var workload = new FanoutWorkload(cluster, Authors, Followers, PostsPerAuthor);
        await workload.SetUpAsync();
        var watcher = await workload.NewFollowerAsync();
        await using var live = new FailoverHubClient([.. cluster.Apis.Select(a => a.BaseAddress)], watcher.AccessToken);
        await live.ConnectAsync(0);

        // Authors keep posting until both restarts are over, so each happens while posts are made and fanned out.
        var restarted = new TaskCompletionSource();
        var posting = workload.PostAllAsync(continueUntil: restarted.Task);
        await workload.WaitUntilPostedAsync(workload.TotalPosts / 4, posting);
        await ServerRestarts.RestartRedisAsync(RedisDown);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} Redis restarted after {workload.Posted} posts");
        await workload.WaitUntilPostedAsync(workload.Posted + (workload.TotalPosts / 4), posting);
        await ServerRestarts.RestartPostgresAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} PostgreSQL restarted after {workload.Posted} posts");
        await workload.WaitUntilPostedAsync(workload.Posted + (workload.TotalPosts / 4), posting);
        restarted.SetResult();
        await posting;
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {workload.Posted} posts acknowledged");

        // Nobody restarts a node here: each must be ready again on its own.
        await Task.WhenAll(cluster.Silos.Concat(cluster.Apis).Select(n => n.WaitUntilReadyAsync()));
        await workload.AssertFeedsCompleteAsync(FeedsComplete);
        var author = await workload.NewUserAsync();
        await workload.Calls.ExpectAsync("follow", HttpStatusCode.NoContent, () => watcher.PutAsync($"/api/v1/users/{author.UserId}/follow"));
        await LivePushes.PostUntilEveryoneReceivesAsync(author, [live], cluster, "after the restarts", workload.Calls);
        output.WriteLine(workload.Calls.Report());
        if (workload.Calls.Failed.Count > 0)
        {
            throw cluster.Failure($"calls failed beyond the {RetryingCalls.Window.TotalSeconds} s retry window:\n{workload.Calls.Report()}");
        }

        Assert.All(cluster.Silos.Concat(cluster.Apis), n => Assert.True(n.IsRunning, $"{n.Name} exited"));
    }
}
