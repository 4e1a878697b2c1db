using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Playbound.Grains.Stores;
using Playbound.Grains.Stores.Resilience;
using Polly.CircuitBreaker;

namespace Playbound.Grains.Tests.Stores;

/// <summary>The social stores reach their database through the storage circuit the grain storage shares.</summary>
public sealed class SocialStoreCircuitTests
{
    [Fact]
    public async Task An_unreachable_database_opens_the_storage_circuit_and_then_store_calls_fail_fast()
    {
        await using var provider = new ServiceCollection()
            .AddPostgresSocialStores(options => options.ConnectionString = "Host=127.0.0.1;Port=1;Username=x;Password=x;Database=x")
            .Configure<DependencyCircuitOptions>(DependencyCircuits.Storage, options =>
            {
                options.MinimumThroughput = 2;
                options.RetryAttempts = 0;
            })
            .BuildServiceProvider();
        var users = provider.GetRequiredService<IUserDirectory>();
        var storage = provider.GetRequiredService<DependencyCircuits>().Get(DependencyCircuits.Storage);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => users.GetAsync("1", default));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => users.GetCountsAsync("1", default));

        Assert.True(storage.IsOpen);
        await Assert.ThrowsAsync<BrokenCircuitException>(
            () => users.UpsertAsync(new UserRecord("1", "alice", "Alice", "", DateTimeOffset.UnixEpoch), default));
    }
}
