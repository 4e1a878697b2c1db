namespace Playbound.Realtime.Tests;

/// <summary>The real Redis the tests run against (<c>scripts/ensure-redis.sh</c>), and a channel of each test's own.</summary>
internal static class TestRedis
{
    /// <summary>The shared kit's address (<c>PLAYBOUND_TEST_REDIS</c>, else the local one).</summary>
    public static string Address => Playbound.TestKit.Servers.TestRedis.Configuration;

    /// <summary>A presence channel no other test uses, so tests run in parallel on one Redis.</summary>
    public static string NewChannel() => $"playbound:test:presence:{Guid.NewGuid():N}";
}
