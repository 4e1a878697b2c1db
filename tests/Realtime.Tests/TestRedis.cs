namespace Playbound.Realtime.Tests;

/// <summary>The real Redis the tests run against (<c>scripts/ensure-redis.sh</c>), and a channel of each test's own.</summary>
internal static class TestRedis
{
    /// <summary>From <c>PLAYBOUND_TEST_REDIS</c>, else the local one.</summary>
    public static string Address { get; } =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_REDIS") is { Length: > 0 } address ? address : "127.0.0.1:6379";

    /// <summary>A presence channel no other test uses, so tests run in parallel on one Redis.</summary>
    public static string NewChannel() => $"playbound:test:presence:{Guid.NewGuid():N}";
}
