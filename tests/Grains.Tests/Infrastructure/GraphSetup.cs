using Microsoft.Extensions.DependencyInjection;
using Playbound.Grains.Ids;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Infrastructure;

/// <summary>
/// Builds big audiences fast, straight through the stores (users rows and follow rows), for tests about fan-out
/// rather than about following; follow behaviour itself is tested through the grains.
/// </summary>
public static class GraphSetup
{
    private const int Parallelism = 16;

    /// <summary>Creates <paramref name="count"/> users who follow <paramref name="authorId"/>; returns their ids in creation order.</summary>
    public static async Task<string[]> AddFollowersAsync(SocialCluster host, string authorId, int count)
    {
        var directory = host.Services.GetRequiredService<IUserDirectory>();
        var graph = host.Services.GetRequiredService<IFollowGraph>();
        var ids = host.Services.GetRequiredService<IIdGenerator>();
        var followers = Enumerable.Range(0, count).Select(_ => ids.NewId()).ToArray();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(
            followers.Select((id, i) => (id, i)),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (follower, ct) =>
            {
                await directory.UpsertAsync(new UserRecord(follower.id, $"follower{follower.i}", $"Follower {follower.i}", "", now), ct);
                await graph.SetFollowAsync(follower.id, authorId, following: true, version: 1, now, ct);
            });
        return followers;
    }
}
