namespace Playbound.Grains.Stores;

/// <summary>
/// Finds and removes what an account left in the social tables, for its deletion. The finders return at most
/// <c>limit</c> rows and the deletion removes what it found before asking again, so each finder is read from the start
/// until it comes back empty.
/// </summary>
public interface IAccountRows
{
    /// <summary>Posts <paramref name="userId"/> likes.</summary>
    Task<IReadOnlyList<string>> GetLikedPostIdsAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Posts <paramref name="userId"/> reposted.</summary>
    Task<IReadOnlyList<string>> GetRepostedPostIdsAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Posts <paramref name="userId"/> commented on.</summary>
    Task<IReadOnlyList<string>> GetCommentedPostIdsAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Blocks and mutes <paramref name="userId"/> owns or is the target of.</summary>
    Task<IReadOnlyList<RelationRow>> GetRelationsAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Removes the notifications <paramref name="userId"/> caused for others; returns whose notifications changed.</summary>
    Task<IReadOnlyList<string>> RemoveNotificationsByActorAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="userId"/>'s own notifications.</summary>
    Task RemoveNotificationsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes <paramref name="userId"/>'s user row and search names: the user is unknown from here on (to follows,
    /// lists of users, user search). The counters stay until <see cref="RemoveCountersAsync"/>, as the follows being
    /// ended still change them.
    /// </summary>
    Task RemoveProfileAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="userId"/>'s follower, following and post counters.</summary>
    Task RemoveCountersAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>A block or mute row.</summary>
/// <param name="OwnerId">Who blocks or mutes.</param>
/// <param name="TargetId">Whom.</param>
/// <param name="Kind">Block or mute.</param>
public sealed record RelationRow(string OwnerId, string TargetId, RelationKind Kind);
