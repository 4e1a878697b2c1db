using System.Text.Json;
using RabbitMQ.Client;

namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>Silos learn from the nodes' announcements who is online anywhere, and forget nodes that fall silent.</summary>
public sealed class PresenceTests
{
    [Fact]
    public async Task A_user_is_online_at_the_silos_while_connected_to_any_node()
    {
        await using var cluster = await Cluster.StartAsync();

        await cluster.Node1.UserConnectedAsync("alice");
        await cluster.Node2.UserConnectedAsync("alice");
        await TestBroker.EventuallyAsync(() => cluster.Presence.IsOnline("alice"), "alice is online");

        await cluster.Node1.UserDisconnectedAsync("alice");
        await cluster.Node2.UserConnectedAsync("bob");
        await TestBroker.EventuallyAsync(() => cluster.Presence.IsOnline("bob"), "bob is online");
        Assert.True(cluster.Presence.IsOnline("alice"));
        Assert.Equal(2, cluster.Presence.OnlineCount);

        await cluster.Node2.UserDisconnectedAsync("alice");
        await TestBroker.EventuallyAsync(() => !cluster.Presence.IsOnline("alice"), "alice is offline");
        Assert.Equal(["bob"], cluster.Presence.OnlineUsers());
    }

    [Fact]
    public async Task A_node_that_stops_takes_its_users_offline()
    {
        await using var cluster = await Cluster.StartAsync();
        await cluster.Node1.UserConnectedAsync("alice");
        await TestBroker.EventuallyAsync(() => cluster.Presence.IsOnline("alice"), "alice is online");

        await cluster.Node1.StopAsync(CancellationToken.None);

        await TestBroker.EventuallyAsync(() => !cluster.Presence.IsOnline("alice"), "alice is offline");
    }

    [Fact]
    public async Task A_node_that_vanishes_without_goodbye_has_its_users_go_offline_after_its_ttl()
    {
        await using var cluster = await Cluster.StartAsync();
        var factory = new ConnectionFactory { Uri = new Uri(TestBroker.Uri) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var hello = new PresenceMessage("crashed-node", PresenceKinds.Online, ["casper"], TtlMs: 500);
            await channel.BasicPublishAsync(cluster.Options.PresenceExchange, "", JsonSerializer.SerializeToUtf8Bytes(hello, PresenceJson.Options));
        }

        await TestBroker.EventuallyAsync(() => cluster.Presence.IsOnline("casper"), "casper is online");
        await TestBroker.EventuallyAsync(() => !cluster.Presence.IsOnline("casper"), "casper is offline", seconds: 3);
    }

    [Fact]
    public async Task A_silo_that_starts_late_learns_the_users_from_the_next_snapshot()
    {
        var options = TestBroker.IsolatedOptions();
        await using var cluster = await Cluster.StartAsync(options);
        await cluster.Node1.UserConnectedAsync("alice");
        var latePresence = new ClusterPresence(TimeProvider.System);
        var lateListener = new PresenceListener(
            latePresence, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<PresenceListener>.Instance);

        await lateListener.StartAsync(CancellationToken.None);
        try
        {
            await TestBroker.EventuallyAsync(() => latePresence.IsOnline("alice"), "the late silo sees alice");
        }
        finally
        {
            await lateListener.StopAsync(CancellationToken.None);
            lateListener.Dispose();
        }
    }
}
