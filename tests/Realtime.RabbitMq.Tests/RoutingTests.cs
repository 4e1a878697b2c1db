using Playbound.Grains;
using Playbound.Grains.Realtime;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>
/// Pushes reach only the nodes that need them. A node's queue keeps the publisher's order, so a later push to a
/// "sentinel" user on that node proves an earlier push did not reach it.
/// </summary>
public sealed class RoutingTests
{
    [Fact]
    public async Task A_push_to_a_user_reaches_only_the_node_holding_their_connection()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.Node1.UserConnectedAsync("alice");
        await cluster.Node2.UserConnectedAsync("sentinel");

        cluster.Publisher.PushToUsers(["alice"], RealtimeMethods.Notification, new { n = 1 });
        cluster.Publisher.PushToUsers(["sentinel"], RealtimeMethods.Notification, new { n = 2 });

        var atNode1 = await cluster.Hub1.NextAsync();
        Assert.Equal(("user", "alice", RealtimeMethods.Notification, 1), (atNode1.Target, atNode1.Id, atNode1.Method, atNode1.Payload.GetProperty("n").GetInt32()));
        Assert.Equal("sentinel", (await cluster.Hub2.NextAsync()).Id);
    }

    [Fact]
    public async Task One_push_to_many_users_reaches_each_of_their_nodes_once_per_user()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.Node1.UserConnectedAsync("alice");
        await cluster.Node2.UserConnectedAsync("bob");
        await cluster.Node2.UserConnectedAsync("alice");

        cluster.Publisher.PushToUsers(["alice", "bob", "offline"], RealtimeMethods.FeedPost, new { n = 1 });
        cluster.Publisher.PushToUsers(["alice"], RealtimeMethods.FeedPost, new { n = 2 });

        Assert.Equal(("alice", 1), Summary(await cluster.Hub1.NextAsync()));
        Assert.Equal(("alice", 2), Summary(await cluster.Hub1.NextAsync()));
        Assert.Equal([("alice", 1), ("bob", 1), ("alice", 2)], [Summary(await cluster.Hub2.NextAsync()), Summary(await cluster.Hub2.NextAsync()), Summary(await cluster.Hub2.NextAsync())]);
    }

    [Fact]
    public async Task Post_updates_reach_only_nodes_where_someone_watches_the_post()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.Node1.PostWatchedAsync("p1");
        await cluster.Node2.UserConnectedAsync("sentinel");

        cluster.Publisher.PushToPostWatchers(new PostCounts("p1", 3, 1));
        cluster.Publisher.PushToUsers(["sentinel"], RealtimeMethods.Notification, new { n = 1 });

        var atNode1 = await cluster.Hub1.NextAsync();
        Assert.Equal(("post", "p1", RealtimeMethods.PostUpdated), (atNode1.Target, atNode1.Id, atNode1.Method));
        Assert.Equal(3, atNode1.Payload.GetProperty("likes").GetInt64());
        Assert.Equal("sentinel", (await cluster.Hub2.NextAsync()).Id);
    }

    [Fact]
    public async Task Routing_stops_with_the_last_connection_and_the_last_watcher_not_before()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.Node1.UserConnectedAsync("sentinel");
        await cluster.Node1.UserConnectedAsync("alice");
        await cluster.Node1.UserConnectedAsync("alice");
        await cluster.Node1.PostWatchedAsync("p1");
        await cluster.Node1.PostWatchedAsync("p1");

        await cluster.Node1.UserDisconnectedAsync("alice");
        await cluster.Node1.PostUnwatchedAsync("p1");
        cluster.Publisher.PushToUsers(["alice"], RealtimeMethods.Notification, new { n = 1 });
        cluster.Publisher.PushToPostWatchers(new PostCounts("p1", 1, 0));
        Assert.Equal("alice", (await cluster.Hub1.NextAsync()).Id);
        Assert.Equal("p1", (await cluster.Hub1.NextAsync()).Id);

        await cluster.Node1.UserDisconnectedAsync("alice");
        await cluster.Node1.PostUnwatchedAsync("p1");
        cluster.Publisher.PushToUsers(["alice"], RealtimeMethods.Notification, new { n = 2 });
        cluster.Publisher.PushToPostWatchers(new PostCounts("p1", 2, 0));
        cluster.Publisher.PushToUsers(["sentinel"], RealtimeMethods.Notification, new { n = 3 });
        Assert.Equal("sentinel", (await cluster.Hub1.NextAsync()).Id);
    }

    private static (string Id, int N) Summary(Delivered delivered) => (delivered.Id, delivered.Payload.GetProperty("n").GetInt32());
}
