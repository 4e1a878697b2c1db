namespace Playbound.Realtime.RabbitMq.Tests;

/// <summary>The silo's view of who is online, driven by announcements and a hand-moved clock.</summary>
public sealed class ClusterPresenceTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void A_user_on_two_nodes_stays_online_until_both_let_go()
    {
        var presence = new ClusterPresence(_time);
        presence.Apply(Message("n1", PresenceKinds.Online, "alice"));
        presence.Apply(Message("n2", PresenceKinds.Online, "alice"));

        presence.Apply(Message("n1", PresenceKinds.Offline, "alice"));
        Assert.True(presence.IsOnline("alice"));

        presence.Apply(Message("n2", PresenceKinds.Gone));
        Assert.False(presence.IsOnline("alice"));
        Assert.Equal(0, presence.OnlineCount);
    }

    [Fact]
    public void A_snapshot_replaces_what_the_node_announced_before()
    {
        var presence = new ClusterPresence(_time);
        presence.Apply(Message("n1", PresenceKinds.Online, "alice", "bob"));

        presence.Apply(Message("n1", PresenceKinds.Snapshot, "bob", "carol"));

        Assert.Equal(["bob", "carol"], presence.OnlineUsers().Order());
        Assert.Equal(2, presence.OnlineCount);
    }

    [Fact]
    public void Expiry_drops_only_the_nodes_silent_for_their_ttl()
    {
        var presence = new ClusterPresence(_time);
        presence.Apply(Message("silent", PresenceKinds.Online, "alice", "bob"));
        presence.Apply(Message("live", PresenceKinds.Online, "bob"));

        _time.Advance(TimeSpan.FromSeconds(20));
        presence.Apply(Message("live", PresenceKinds.Snapshot, "bob"));
        _time.Advance(TimeSpan.FromSeconds(15));
        presence.Expire();

        Assert.Equal(["bob"], presence.OnlineUsers());
        Assert.Equal(1, presence.OnlineCount);
    }

    private static PresenceMessage Message(string node, string kind, params string[] users) => new(node, kind, users, TtlMs: 30_000);

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
