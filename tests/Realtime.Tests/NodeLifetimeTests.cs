namespace Playbound.Realtime.Tests;

/// <summary>Nodes that leave: politely (gone), or by dying (their users expire after the TTL).</summary>
public sealed class NodeLifetimeTests
{
    private const int NodeExpiredEventId = 4129;
    private readonly string _channel = TestRedis.NewChannel();

    [Fact]
    public async Task A_node_that_stops_gracefully_takes_its_users_offline()
    {
        await using var silo = await Silo.StartAsync(_channel);
        await using var leaving = await ApiNode.StartAsync(_channel);
        await using var staying = await ApiNode.StartAsync(_channel);
        leaving.Users.Add("alice");
        leaving.Users.Add("carol");
        staying.Users.Add("bob");
        staying.Users.Add("carol");
        await Eventually.TrueAsync(() => silo.Presence.OnlineCount == 3, "both nodes' users reach the silo");

        await leaving.StopAsync();

        await Eventually.TrueAsync(() => !silo.Presence.IsOnline("alice"), "the leaving node's goodbye reaches the silo");
        Assert.Equal(["bob", "carol"], silo.Presence.OnlineUsers().Order());
    }

    [Fact]
    public async Task A_node_that_dies_silently_has_its_users_expire_after_the_ttl()
    {
        var time = new ManualTime();
        await using var silo = await Silo.StartAsync(_channel, time);
        // Snapshots every 10 minutes with a 20-minute TTL; the silo's clock is moved by hand, so only expiry can act.
        var node = await ApiNode.StartAsync(_channel, snapshotInterval: TimeSpan.FromMinutes(10));
        node.Users.Add("alice");
        await Eventually.TrueAsync(() => silo.Presence.IsOnline("alice"), "alice reaches the silo");

        node.Crash();
        time.Advance(TimeSpan.FromMinutes(15));
        Assert.True(silo.Presence.IsOnline("alice"), "within its TTL a silent node is trusted");

        time.Advance(TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => !silo.Presence.IsOnline("alice"), "the dead node's users expire");
        Assert.Equal(0, silo.Presence.OnlineCount);
        await Eventually.TrueAsync(() => silo.Logs.Count(NodeExpiredEventId) == 1, "the expiry is logged");
    }
}
