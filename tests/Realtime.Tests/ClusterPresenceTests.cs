using Playbound.Realtime.Presence;

namespace Playbound.Realtime.Tests;

/// <summary>The silo's replica on its own, with a hand-moved clock.</summary>
public sealed class ClusterPresenceTests
{
    private readonly ManualTime _time = new();

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
    public void Expiry_drops_only_the_nodes_silent_for_their_ttl_and_names_them()
    {
        var presence = new ClusterPresence(_time);
        presence.Apply(Message("silent", PresenceKinds.Online, "alice", "bob"));
        presence.Apply(Message("live", PresenceKinds.Online, "bob"));

        _time.Advance(TimeSpan.FromSeconds(20));
        presence.Apply(Message("live", PresenceKinds.Snapshot, "bob"));
        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.Equal(["silent"], presence.Expire());
        Assert.Equal(["bob"], presence.OnlineUsers());
    }

    [Fact]
    public void A_hello_or_an_unknown_kind_is_no_sign_of_a_node()
    {
        var presence = new ClusterPresence(_time);

        presence.Apply(Message("silo", PresenceKinds.Hello));
        presence.Apply(Message("n1", "teleport", "mallory"));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(presence.Expire());
        Assert.Equal(0, presence.OnlineCount);
    }

    private static PresenceMessage Message(string node, string kind, params string[] users) => new(node, kind, users, TtlMs: 30_000);
}
