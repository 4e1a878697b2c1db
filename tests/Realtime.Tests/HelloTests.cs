using Playbound.Realtime.Presence;

namespace Playbound.Realtime.Tests;

/// <summary>A silo that starts late asks the nodes, instead of waiting for their next snapshot.</summary>
public sealed class HelloTests
{
    private readonly string _channel = TestRedis.NewChannel();

    [Fact]
    public async Task A_silo_started_after_the_users_connected_learns_them_at_once()
    {
        await using var spy = await ChannelSpy.StartAsync(_channel);
        // Ten minutes between snapshots: within this test only an answer to the silo's hello can tell it anything.
        await using var node = await ApiNode.StartAsync(_channel, snapshotInterval: TimeSpan.FromMinutes(10));
        node.Users.Add("alice");
        node.Users.Add("bob");
        await Eventually.TrueAsync(
            () => spy.SawAnnounced("alice") && spy.SawAnnounced("bob"), "the node announced its users before the silo existed");

        await using var silo = await Silo.StartAsync(_channel);

        await Eventually.TrueAsync(
            () => silo.Presence.IsOnline("alice") && silo.Presence.IsOnline("bob"), "the node answers the silo's hello");
        Assert.Contains(spy.Seen, m => m.Kind == PresenceKinds.Hello);
        Assert.Contains(spy.Seen, m => m.Kind == PresenceKinds.Snapshot && m.Users.Contains("alice") && m.Users.Contains("bob"));
    }
}
