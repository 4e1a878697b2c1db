using Playbound.Realtime.Presence;

namespace Playbound.Realtime.Tests;

/// <summary>Users connecting and leaving on Api nodes, as a silo sees them through a real Redis.</summary>
public sealed class PresenceFlowTests
{
    private readonly string _channel = TestRedis.NewChannel();

    [Fact]
    public async Task A_user_is_online_on_the_silo_while_connected_to_a_node()
    {
        await using var silo = await Silo.StartAsync(_channel);
        await using var node = await ApiNode.StartAsync(_channel);

        node.Users.Add("alice");
        await Eventually.TrueAsync(() => silo.Presence.IsOnline("alice"), "alice's connection reaches the silo");
        Assert.Equal(["alice"], silo.Presence.OnlineUsers());

        node.Users.Remove("alice");
        await Eventually.TrueAsync(() => !silo.Presence.IsOnline("alice"), "alice's disconnection reaches the silo");
        Assert.Equal(0, silo.Presence.OnlineCount);
    }

    [Fact]
    public async Task A_user_on_two_nodes_goes_offline_only_when_both_drop_them()
    {
        await using var silo = await Silo.StartAsync(_channel);
        await using var first = await ApiNode.StartAsync(_channel);
        await using var second = await ApiNode.StartAsync(_channel);
        first.Users.Add("alice");
        second.Users.Add("alice");
        second.Users.Add("marker-1");
        await Eventually.TrueAsync(() => silo.Presence.IsOnline("marker-1"), "the second node's users reach the silo");

        second.Users.Remove("alice");
        // The node announces in order, so once the silo has the marker it has applied alice's offline before it.
        second.Users.Add("marker-2");
        await Eventually.TrueAsync(() => silo.Presence.IsOnline("marker-2"), "the second node's later change reaches the silo");
        Assert.True(silo.Presence.IsOnline("alice"), "the first node still holds alice");

        first.Users.Remove("alice");
        await Eventually.TrueAsync(() => !silo.Presence.IsOnline("alice"), "alice left her last node");
        Assert.Equal(2, silo.Presence.OnlineCount);
    }

    [Fact]
    public async Task A_burst_of_connects_goes_out_in_a_few_messages()
    {
        await using var spy = await ChannelSpy.StartAsync(_channel);
        await using var silo = await Silo.StartAsync(_channel);
        await using var node = await ApiNode.StartAsync(_channel);

        var users = Enumerable.Range(0, 1_000).Select(i => $"user-{i}").ToArray();
        foreach (var user in users)
        {
            node.Users.Add(user);
        }

        await Eventually.TrueAsync(() => silo.Presence.OnlineCount == users.Length, "the whole burst reaches the silo");
        Assert.All(users, user => Assert.True(silo.Presence.IsOnline(user)));
        var announcements = spy.Seen.Count(m => m.Kind is PresenceKinds.Online or PresenceKinds.Snapshot);
        Assert.InRange(announcements, 1, 20);
    }
}
