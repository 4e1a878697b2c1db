using Playbound.Runtime.Membership;
using Playbound.Runtime.Tests.Storage;

namespace Playbound.Runtime.Tests.Membership;

/// <summary>
/// A fresh schema for one test class's membership tables; each test still uses its own cluster id, as separate
/// clusters sharing a database would.
/// </summary>
public sealed class MembershipDatabase : IAsyncLifetime
{
    private bool _reachable;

    public string Schema { get; } = PostgresTestDatabase.NewSchema();

    /// <summary>Fast timing for tests: a crashed silo is declared dead about a second after its last heartbeat.</summary>
    public MembershipOptions NewClusterOptions(TimeSpan? deathTimeout = null) => new()
    {
        ConnectionString = PostgresTestDatabase.ConnectionString,
        Schema = Schema,
        ClusterId = "test-" + Guid.NewGuid().ToString("N"),
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        DeathTimeout = deathTimeout ?? TimeSpan.FromMilliseconds(1500),
        RefreshInterval = TimeSpan.FromMilliseconds(100),
    };

    public async Task InitializeAsync()
    {
        await PostgresTestDatabase.EnsureReachableAsync();
        _reachable = true;
    }

    public async Task DisposeAsync()
    {
        if (_reachable)
        {
            await PostgresTestDatabase.DropSchemaAsync(Schema);
        }
    }
}
