namespace Playbound.Realtime.Tests;

/// <summary>Redis going away and coming back, on a private server.</summary>
public sealed class RedisRestartTests
{
    private const int ConnectionBackEventId = 4127;
    private readonly string _channel = TestRedis.NewChannel();

    [Fact]
    public async Task After_a_Redis_restart_the_silo_relearns_who_is_online()
    {
        await using var redis = await PrivateRedis.StartAsync();
        var time = new ManualTime();
        await using var silo = await Silo.StartAsync(_channel, time, redis.Address);
        // Ten minutes between snapshots: within this test only the reconnection path can bring alice back.
        await using var node = await ApiNode.StartAsync(_channel, TimeSpan.FromMinutes(10), redis.Address);
        node.Users.Add("alice");
        await Eventually.TrueAsync(() => silo.Presence.IsOnline("alice"), "alice reaches the silo");

        await redis.RestartAsync(async () =>
        {
            // Cut off from Redis, the silo cannot hear the node and lets its users expire.
            time.Advance(TimeSpan.FromMinutes(25));
            await Eventually.TrueAsync(() => !silo.Presence.IsOnline("alice"), "the unheard node expires while Redis is down");
        });
        node.Users.Add("bob");

        await Eventually.TrueAsync(
            () => silo.Presence.IsOnline("alice") && silo.Presence.IsOnline("bob"), "presence recovers once Redis is back");
        Assert.True(silo.Logs.Count(ConnectionBackEventId) > 0, "the silo noticed the reconnection");
    }
}
