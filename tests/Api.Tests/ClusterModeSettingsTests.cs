using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>
/// An Api node in cluster mode is an Orleans client of silos that share PostgreSQL and Redis: started without them
/// configured, it refuses to start and says what is missing. (Cluster mode itself runs in tests/Cluster.Tests.)
/// </summary>
public sealed class ClusterModeSettingsTests
{
    [Theory]
    [InlineData("Sqlite", "127.0.0.1:6379", "Postgres")]
    [InlineData("Postgres", null, "ConnectionStrings:Redis")]
    public void Cluster_mode_without_postgres_storage_or_redis_fails_at_startup(string storage, string? redis, string named)
    {
        using var api = new PlayboundApiFactory(new Dictionary<string, string?>
        {
            ["Playbound:Cluster:Enabled"] = "true",
            ["Playbound:Storage"] = storage,
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Database=unused",
            ["ConnectionStrings:Redis"] = redis,
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => api.Services);
        Assert.Contains(named, error.Message);
    }
}
