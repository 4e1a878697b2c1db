using System.Collections.Immutable;
using Playbound.Grains.Ids;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Users;

/// <summary>
/// One user's blocks and mutes (key: user id). The rows in <see cref="IRelationStore"/> are the truth; the activation
/// loads the three sets once and keeps them current: its own changes as it makes them, a block by someone else
/// through <see cref="OnBlockedBy"/> from the blocker's grain. A block also ends the follows both ways, through
/// each side's user grain (which never call back here, so blocks and follows cannot wait on each other).
/// </summary>
public sealed class RelationsGrain(IRelationStore store, IUserDirectory directory, IIdGenerator ids) : Grain, IRelationsGrain
{
    private Relations _relations = Relations.None;

    private string UserId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var sets = await store.GetSetsAsync(UserId, cancellationToken);
        _relations = new Relations([.. sets.Blocking], [.. sets.BlockedBy], [.. sets.Muting]);
    }

    /// <inheritdoc />
    public async Task<FollowOutcome> Block(string userId)
    {
        if (await CheckTargetAsync(userId) is { } refused)
        {
            return refused;
        }

        await store.SetAsync(RelationKind.Block, UserId, userId, on: true, SnowflakeId.Parse(ids.NewId()), CancellationToken.None);
        _relations = _relations with { Blocking = _relations.Blocking.Add(userId) };
        await GrainFactory.GetGrain<IRelationsGrain>(userId).OnBlockedBy(UserId, blocked: true);
        await GrainFactory.GetGrain<IUserGrain>(UserId).Unfollow(userId);
        await GrainFactory.GetGrain<IUserGrain>(userId).Unfollow(UserId);
        await InvalidateFeedsAsync(userId);
        return FollowOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<FollowOutcome> Unblock(string userId)
    {
        if (await CheckTargetAsync(userId) is { } refused)
        {
            return refused == FollowOutcome.UnknownUser ? FollowOutcome.Done : refused;
        }

        await store.SetAsync(RelationKind.Block, UserId, userId, on: false, 0, CancellationToken.None);
        _relations = _relations with { Blocking = _relations.Blocking.Remove(userId) };
        await GrainFactory.GetGrain<IRelationsGrain>(userId).OnBlockedBy(UserId, blocked: false);
        await InvalidateFeedsAsync(userId);
        return FollowOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<FollowOutcome> Mute(string userId)
    {
        if (await CheckTargetAsync(userId) is { } refused)
        {
            return refused;
        }

        await store.SetAsync(RelationKind.Mute, UserId, userId, on: true, SnowflakeId.Parse(ids.NewId()), CancellationToken.None);
        _relations = _relations with { Muting = _relations.Muting.Add(userId) };
        await GrainFactory.GetGrain<IFeedGrain>(UserId).Invalidate();
        return FollowOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<FollowOutcome> Unmute(string userId)
    {
        if (await CheckTargetAsync(userId) is { } refused)
        {
            return refused == FollowOutcome.UnknownUser ? FollowOutcome.Done : refused;
        }

        await store.SetAsync(RelationKind.Mute, UserId, userId, on: false, 0, CancellationToken.None);
        _relations = _relations with { Muting = _relations.Muting.Remove(userId) };
        await GrainFactory.GetGrain<IFeedGrain>(UserId).Invalidate();
        return FollowOutcome.Done;
    }

    /// <inheritdoc />
    public Task<Page<UserSummary>> GetBlocks(int limit, string? cursor) =>
        store.ListAsync(RelationKind.Block, UserId, limit, cursor, CancellationToken.None);

    /// <inheritdoc />
    public Task<Page<UserSummary>> GetMutes(int limit, string? cursor) =>
        store.ListAsync(RelationKind.Mute, UserId, limit, cursor, CancellationToken.None);

    /// <inheritdoc />
    public async Task Forget(string userId)
    {
        await store.SetAsync(RelationKind.Block, UserId, userId, on: false, 0, CancellationToken.None);
        await store.SetAsync(RelationKind.Mute, UserId, userId, on: false, 0, CancellationToken.None);
        _relations = _relations with { Blocking = _relations.Blocking.Remove(userId), Muting = _relations.Muting.Remove(userId) };
        await GrainFactory.GetGrain<IRelationsGrain>(userId).OnBlockedBy(UserId, blocked: false);
        await InvalidateFeedsAsync(userId);
    }

    /// <inheritdoc />
    public Task<Relations> GetRelations() => Task.FromResult(_relations);

    /// <inheritdoc />
    public Task OnBlockedBy(string blockerId, bool blocked)
    {
        _relations = _relations with { BlockedBy = blocked ? _relations.BlockedBy.Add(blockerId) : _relations.BlockedBy.Remove(blockerId) };
        return Task.CompletedTask;
    }

    /// <summary>Null when <paramref name="userId"/> is someone else who exists; otherwise why not.</summary>
    private async Task<FollowOutcome?> CheckTargetAsync(string userId)
    {
        if (userId == UserId)
        {
            return FollowOutcome.Self;
        }

        return SnowflakeId.TryParse(userId, out _) && await directory.GetAsync(userId, CancellationToken.None) is not null
            ? null
            : FollowOutcome.UnknownUser;
    }

    /// <summary>Both feeds drop their cached relations (and the celebrities they follow, which the block may have ended).</summary>
    private Task InvalidateFeedsAsync(string userId) => Task.WhenAll(
        GrainFactory.GetGrain<IFeedGrain>(UserId).Invalidate(), GrainFactory.GetGrain<IFeedGrain>(userId).Invalidate());
}
