namespace Playbound.Grains.Stores;

/// <summary>What one user does to another besides following: block, or mute.</summary>
public enum RelationKind
{
    /// <summary>The two no longer see each other; the owner's block also ends the follows between them.</summary>
    Block,

    /// <summary>The owner no longer sees the other's posts in the feed nor hears of their actions; the other notices nothing.</summary>
    Mute,
}

/// <summary>Blocks and mutes: one row per (owner, kind, target), listed newest first.</summary>
public interface IRelationStore
{
    /// <summary>
    /// Adds (<paramref name="on"/>) or removes <paramref name="ownerId"/>'s relation of <paramref name="kind"/> to
    /// <paramref name="targetId"/>; idempotent. Returns whether anything changed. <paramref name="position"/> orders the
    /// owner's list: a time-sortable id, larger for later relations (ignored on removal).
    /// </summary>
    Task<bool> SetAsync(RelationKind kind, string ownerId, string targetId, bool on, long position, CancellationToken cancellationToken);

    /// <summary>Whom <paramref name="userId"/> blocks, who blocks them, and whom they mute.</summary>
    Task<RelationSets> GetSetsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Whether either user blocks the other.</summary>
    Task<bool> IsBlockedEitherWayAsync(string userId, string otherId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="userIds"/> who mute or block <paramref name="authorId"/>.</summary>
    Task<IReadOnlyList<string>> FilterHidingAsync(string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>A page of whom <paramref name="ownerId"/> blocks or mutes, newest first.</summary>
    Task<Page<UserSummary>> ListAsync(RelationKind kind, string ownerId, int limit, string? cursor, CancellationToken cancellationToken);
}

/// <summary>A user's relations, as grains keep them in memory.</summary>
/// <param name="Blocking">Whom the user blocks.</param>
/// <param name="BlockedBy">Who blocks the user.</param>
/// <param name="Muting">Whom the user mutes.</param>
public sealed record RelationSets(IReadOnlyList<string> Blocking, IReadOnlyList<string> BlockedBy, IReadOnlyList<string> Muting);
