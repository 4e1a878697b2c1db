using System.Text.Json;
using StackExchange.Redis;

namespace Playbound.Silo.Tests;

/// <summary>The PostgreSQL the tests run against: <c>PLAYBOUND_TEST_POSTGRES</c>, or the one scripts/ensure-postgres.sh starts.</summary>
internal static class TestPostgres
{
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("PLAYBOUND_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=playbound;Password=playbound;Database=playbound_test";
}

/// <summary>
/// The Redis the tests run against: <c>PLAYBOUND_TEST_REDIS</c>, or the one scripts/ensure-redis.sh starts. Tests that
/// need it fail, never skip, when it is unreachable.
/// </summary>
internal static class TestRedis
{
    /// <summary>The shared kit's address (<c>PLAYBOUND_TEST_REDIS</c> or the local one).</summary>
    public static string ConnectionString => Playbound.TestKit.Servers.TestRedis.Configuration;

    public static async Task<IDatabase> DatabaseAsync() => (await ConnectAsync()).GetDatabase();

    /// <summary>The keys under <paramref name="prefix"/>.</summary>
    public static async Task<List<string>> KeysAsync(string prefix)
    {
        var connection = await ConnectAsync();
        var keys = new List<string>();
        foreach (var endpoint in connection.GetEndPoints())
        {
            await foreach (var key in connection.GetServer(endpoint).KeysAsync(pattern: prefix + "*"))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }

    /// <summary>
    /// The silo statuses in Orleans' Redis membership table of a cluster (hash <c>{ServiceId}/members/{ClusterId}</c>,
    /// one JSON row per silo), by silo address.
    /// </summary>
    public static async Task<Dictionary<string, string>> MembershipAsync(string serviceId, string clusterId)
    {
        var rows = await (await DatabaseAsync()).HashGetAllAsync($"{serviceId}/members/{clusterId}");
        var silos = new Dictionary<string, string>();
        foreach (var row in rows.Where(static r => r.Name != "Version"))
        {
            using var entry = JsonDocument.Parse(row.Value.ToString());
            var status = entry.RootElement.GetProperty("Status");
            silos[row.Name.ToString()] = status.ValueKind == JsonValueKind.Number ? ((Orleans.Runtime.SiloStatus)status.GetInt32()).ToString() : status.GetString()!;
        }

        return silos;
    }

    private static Task<ConnectionMultiplexer> ConnectAsync() => Playbound.TestKit.Servers.TestRedis.ConnectionAsync();
}
