using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// A user's blocks and mutes (key: user id), and the sets that every check reads from memory: whom the user blocks,
/// who blocks them, whom they mute. Lists and feeds ask once per page, never once per item.
/// </summary>
[Alias("playbound.IRelationsGrain")]
public interface IRelationsGrain : IGrainWithStringKey
{
    /// <summary>Blocks <paramref name="userId"/> (idempotent): ends the follows between the two both ways and hides each from the other.</summary>
    [Alias("Block")]
    Task<FollowOutcome> Block(string userId);

    /// <summary>Unblocks (idempotent): they see each other again; the follows stay ended.</summary>
    [Alias("Unblock")]
    Task<FollowOutcome> Unblock(string userId);

    /// <summary>Mutes <paramref name="userId"/> (idempotent): their posts leave this user's feed and their actions stop notifying.</summary>
    [Alias("Mute")]
    Task<FollowOutcome> Mute(string userId);

    /// <summary>Unmutes (idempotent).</summary>
    [Alias("Unmute")]
    Task<FollowOutcome> Unmute(string userId);

    /// <summary>Whom this user blocks, newest first.</summary>
    [Alias("GetBlocks"), ReadOnly]
    Task<Page<UserSummary>> GetBlocks(int limit, string? cursor);

    /// <summary>Whom this user mutes, newest first.</summary>
    [Alias("GetMutes"), ReadOnly]
    Task<Page<UserSummary>> GetMutes(int limit, string? cursor);

    /// <summary>
    /// Internal (account deletion of <paramref name="userId"/> or of this user): ends this user's block and mute of
    /// <paramref name="userId"/>, whether or not that user still exists. Idempotent.
    /// </summary>
    [Alias("Forget")]
    Task Forget(string userId);

    /// <summary>
    /// This user's relations, for filtering what they see. Interleaves with everything: it returns an immutable
    /// snapshot, and a feed asking while a block invalidates that feed must not wait on it.
    /// </summary>
    [Alias("GetRelations"), ReadOnly, AlwaysInterleave]
    Task<Relations> GetRelations();

    /// <summary>
    /// <paramref name="blockerId"/> blocked (or unblocked) this user. Interleaves: it only updates the in-memory set,
    /// and two users blocking each other at once must not wait on each other.
    /// </summary>
    [Alias("OnBlockedBy"), AlwaysInterleave]
    Task OnBlockedBy(string blockerId, bool blocked);
}

/// <summary>What a user hides and is hidden from.</summary>
/// <param name="Blocking">Whom the user blocks.</param>
/// <param name="BlockedBy">Who blocks the user.</param>
/// <param name="Muting">Whom the user mutes.</param>
[GenerateSerializer, Alias("playbound.Relations")]
public sealed record Relations(
    [property: Id(0)] ImmutableHashSet<string> Blocking, [property: Id(1)] ImmutableHashSet<string> BlockedBy, [property: Id(2)] ImmutableHashSet<string> Muting)
{
    /// <summary>No relations.</summary>
    public static Relations None { get; } = new([], [], []);

    /// <summary>Whether the user and <paramref name="userId"/> are hidden from each other (a block either way).</summary>
    public bool Hides(string userId) => Blocking.Contains(userId) || BlockedBy.Contains(userId);

    /// <summary>Whether <paramref name="userId"/>'s posts and actions stay out of the user's feed and notifications (a block either way, or a mute).</summary>
    public bool Silences(string userId) => Hides(userId) || Muting.Contains(userId);

    /// <summary>Equal when the sets hold the same users.</summary>
    public bool Equals(Relations? other) =>
        other is not null && Blocking.SetEquals(other.Blocking) && BlockedBy.SetEquals(other.BlockedBy) && Muting.SetEquals(other.Muting);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Blocking.Count, BlockedBy.Count, Muting.Count);
}
