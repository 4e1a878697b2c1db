using StackExchange.Redis;

namespace Playbound.TestKit.Servers;

/// <summary>
/// The Redis of scripts/ensure-redis.sh, or the one <c>PLAYBOUND_TEST_REDIS</c> names. Tests that need it fail, never
/// skip, when it is unreachable, so a missing server cannot pass CI silently.
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<Task<ConnectionMultiplexer>> Shared = new(ConnectAsync);

    /// <summary>Its StackExchange.Redis configuration string.</summary>
    public static string Configuration { get; } =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_REDIS") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    /// <summary>One connection shared by the tests of a process.</summary>
    public static Task<ConnectionMultiplexer> ConnectionAsync() => Shared.Value;

    private static async Task<ConnectionMultiplexer> ConnectAsync()
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(Configuration);
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException($"Redis is not reachable ({ex.Message}). Run scripts/ensure-redis.sh, or set PLAYBOUND_TEST_REDIS.", ex);
        }
    }
}
