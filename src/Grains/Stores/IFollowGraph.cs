namespace Playbound.Grains.Stores;

/// <summary>
/// The social graph as SQL adjacency rows (follower, followee) with follower/following counters updated in the
/// same transaction. Every change carries the follower's operation version, so a replayed (older) change never
/// undoes a newer one.
/// </summary>
public interface IFollowGraph
{
    /// <summary>Sets whether <paramref name="followerId"/> follows <paramref name="followeeId"/>, unless a newer version is stored.</summary>
    Task<FollowChange> SetFollowAsync(
        string followerId, string followeeId, bool following, long version, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Whether the follow holds.</summary>
    Task<bool> IsFollowingAsync(string followerId, string followeeId, CancellationToken cancellationToken);

    /// <summary>Followers of <paramref name="userId"/>, newest follow first; cursor is the raw position from the previous page.</summary>
    Task<Page<UserSummary>> GetFollowersAsync(string userId, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Followees of <paramref name="userId"/>, newest follow first.</summary>
    Task<Page<UserSummary>> GetFollowingAsync(string userId, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Follower ids of <paramref name="userId"/> in a stable order, for fan-out in pages.</summary>
    Task<IdPage> GetFollowerIdsAsync(string userId, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Which of <paramref name="candidateIds"/> follow <paramref name="followeeId"/>: one query for a batch of
    /// candidates, so finding a celebrity's online followers costs per online user, not per follower.
    /// </summary>
    Task<IReadOnlyList<string>> FilterFollowersAsync(string followeeId, IReadOnlyCollection<string> candidateIds, CancellationToken cancellationToken);

    /// <summary>Followees of <paramref name="userId"/> that have at least <paramref name="minFollowers"/> followers (celebrities).</summary>
    Task<IReadOnlyList<string>> GetFolloweesWithFollowersAtLeastAsync(string userId, long minFollowers, CancellationToken cancellationToken);

    /// <summary>2-hop suggestions: followed by the user's followees, not by the user, not the user; ranked by how many followees follow them.</summary>
    Task<IReadOnlyList<UserSummary>> GetSuggestionsAsync(string userId, int limit, CancellationToken cancellationToken);
}
