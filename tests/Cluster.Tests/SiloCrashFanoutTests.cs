using Playbound.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Playbound.Cluster.Tests;

/// <summary>A silo killed outright (kill -9) while posts fan out to many followers.</summary>
[Collection(ProcessFailureCollection.Name)]
public sealed class SiloCrashFanoutTests(ITestOutputHelper output)
{
    // The scale is 2,000 posts × 1,000 followers (2 M feed rows); on two shared cores this test runs 4 authors
    // × 100 posts = 400 posts × 100 followers (40,000 feed rows) so it stays near a minute. PLAYBOUND_TEST_FANOUT_SCALE
    // ("authors,postsPerAuthor,followers", e.g. "4,500,1000" for the scale) runs it at another scale.
    private static readonly (int Authors, int PostsPerAuthor, int Followers) Scale = ScaleFromEnvironment() ?? (4, 100, 100);

    // Fan-out stores well over 10,000 feed rows a second here; the bound leaves room for the recovery.
    private static readonly TimeSpan FeedsComplete = TimeSpan.FromSeconds(90 + (Scale.Authors * Scale.PostsPerAuthor * Scale.Followers / 10_000));

    [Fact]
    public async Task After_a_silo_is_killed_during_fan_out_every_follower_gets_every_post_once_and_clients_need_only_retries()
    {
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 2);
        var workload = new FanoutWorkload(cluster, Scale.Authors, Scale.Followers, Scale.PostsPerAuthor);
        await workload.SetUpAsync();

        var posting = workload.PostAllAsync();
        await workload.WaitUntilPostedAsync(workload.TotalPosts / 3, posting);
        var victim = cluster.Silos[1];
        await victim.KillAsync();
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} killed {victim.Name} after {workload.Posted} posts");
        await posting;
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} all {workload.Posted} posts acknowledged");
        await ClusterProcesses.RestartAsync(victim);
        output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {victim.Name} ready again");

        await workload.AssertFeedsCompleteAsync(FeedsComplete);
        output.WriteLine(workload.Calls.Report());
        if (workload.Calls.Failed.Count > 0)
        {
            throw cluster.Failure($"calls failed beyond the {RetryingCalls.Window.TotalSeconds} s retry window:\n{workload.Calls.Report()}");
        }
    }

    private static (int, int, int)? ScaleFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("PLAYBOUND_TEST_FANOUT_SCALE") is not { Length: > 0 } text)
        {
            return null;
        }

        var parts = text.Split(',').Select(static p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return parts.Length == 3 && parts.All(static n => n > 0)
            ? (parts[0], parts[1], parts[2])
            : throw new FormatException($"PLAYBOUND_TEST_FANOUT_SCALE must be three positive numbers, got '{text}'.");
    }
}
