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

    /// <summary>Deletes every key starting with <paramref name="prefix"/> (a test's own keys, or a test cluster's).</summary>
    public static async Task DeleteKeysAsync(string prefix)
    {
        var redis = await ConnectionAsync();
        foreach (var endpoint in redis.GetEndPoints())
        {
            var keys = new List<RedisKey>();
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: prefix + "*", pageSize: 1000))
            {
                keys.Add(key);
            }

            if (keys.Count > 0)
            {
                await redis.GetDatabase().KeyDeleteAsync([.. keys]);
            }
        }
    }

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
