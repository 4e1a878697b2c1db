using Playbound.Cluster.Tests.Infrastructure;

namespace Playbound.Cluster.Tests;

/// <summary>An Api node dies: its hub clients move to the other node, as browsers behind a load balancer do, and stay live.</summary>
[Collection(ProcessFailureCollection.Name)]
public sealed class ApiNodeFailoverTests
{
    private const int Followers = 6;

    [Fact]
    public async Task Hub_clients_of_a_killed_Api_node_reconnect_to_the_other_node_and_keep_receiving_feed_posts()
    {
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 2);
        var nodes = cluster.Apis.Select(a => a.BaseAddress).ToArray();
        // The author talks to the node that survives; the followers register through both.
        var author = await new ApiClient(new HttpClient { BaseAddress = nodes[1] }).RegisterAsync();
        var followers = new List<FailoverHubClient>();
        try
        {
            for (var i = 0; i < Followers; i++)
            {
                var follower = await new ApiClient(cluster.NewRoundRobinHttpClient()).RegisterAsync();
                await follower.FollowAsync(author);
                var live = new FailoverHubClient(nodes, follower.AccessToken);
                followers.Add(live);
                await live.ConnectAsync(i % 2);
            }

            await LivePushes.PostUntilEveryoneReceivesAsync(author, followers, cluster, "before the kill");
            var onKilledNode = followers.Where(f => f.Node == nodes[0]).ToList();
            await cluster.Apis[0].KillAsync();

            await EventuallyAsync(() => onKilledNode.All(f => f.Closes == 1 && f.Node == nodes[1]), cluster, "clients of the killed node reconnect to the other");
            await LivePushes.PostUntilEveryoneReceivesAsync(author, followers, cluster, "after the kill");
            Assert.Equal(Followers / 2, onKilledNode.Count);
            Assert.All(followers.Except(onKilledNode), f => Assert.Equal(0, f.Closes));
        }
        finally
        {
            await Task.WhenAll(followers.Select(async f => await f.DisposeAsync()));
        }
    }

    private static async Task EventuallyAsync(Func<bool> condition, ClusterProcesses cluster, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw cluster.Failure($"not within 60 s: {what}");
            }

            await Task.Delay(100);
        }
    }
}
