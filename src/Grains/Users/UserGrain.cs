using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Ids;
using Playbound.Grains.Stores;
using Orleans.Runtime;
using Playbound.Grains.Streams;

namespace Playbound.Grains.Users;

/// <summary>The persisted user behind <see cref="IUserGrain"/>; counters and the graph live in the store tables.</summary>
[GenerateSerializer, Alias("playbound.UserState")]
public sealed record UserState
{
    /// <summary>The unique lower-case handle.</summary>
    [Id(0)] public string Handle { get; init; } = "";

    /// <summary>The display name.</summary>
    [Id(1)] public string DisplayName { get; init; } = "";

    /// <summary>The bio.</summary>
    [Id(2)] public string Bio { get; init; } = "";

    /// <summary>When the user registered.</summary>
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Counts this user's follow changes; each change carries it, so replays never undo newer changes.</summary>
    [Id(4)] public long FollowVersion { get; init; }

    /// <summary>Whether the user had at least the celebrity threshold of followers when last checked.</summary>
    [Id(5)] public bool IsCelebrity { get; init; }

    /// <summary>Whether the account is being deleted: the user has no profile any more and reaches nobody.</summary>
    [Id(6)] public bool Deleted { get; init; }
}

/// <summary>
/// A user (key: user id): profile, and the follower side of the graph. A follow change is written with its
/// <see cref="FollowChanged"/> event (and the follow notification) in one transaction, then applied to the graph
/// inline so the caller reads its own write; <see cref="FollowProjectionGrain"/> re-applies it and does the rest.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> user,
    IUserDirectory directory,
    IFollowGraph graph,
    IRelationStore relations,
    IFeedStore feeds,
    IIdGenerator ids,
    IOptions<FeedOptions> feedOptions,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly FeedOptions _options = feedOptions.Value;

    private string UserId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task Create(string handle, string displayName)
    {
        if (user.RecordExists && user.State.Handle != handle)
        {
            throw new InvalidOperationException($"User '{UserId}' already exists with another handle.");
        }

        if (!user.RecordExists || user.State.DisplayName != displayName)
        {
            var createdAt = user.RecordExists ? user.State.CreatedAt : time.GetStoredUtcNow();
            user.State = user.State with { Handle = handle, DisplayName = displayName, CreatedAt = createdAt };
            await user.WriteStateAsync();
        }

        // Also on a retry: the first attempt may have stopped before the directory row was written.
        await UpsertDirectoryAsync();
    }

    /// <inheritdoc />
    public async Task<UserProfile?> GetProfile() => Exists ? await ProfileAsync() : null;

    /// <inheritdoc />
    public async Task<UserProfile> UpdateProfile(string? displayName, string? bio)
    {
        EnsureExists();
        user.State = user.State with { DisplayName = displayName ?? user.State.DisplayName, Bio = bio ?? user.State.Bio };
        await user.WriteStateAsync();
        await UpsertDirectoryAsync();
        return await ProfileAsync();
    }

    /// <inheritdoc />
    public async Task<FollowOutcome> Follow(string followeeId)
    {
        EnsureExists();

        if (followeeId == UserId)
        {
            return FollowOutcome.Self;
        }

        if (!SnowflakeId.TryParse(followeeId, out _) || await directory.GetAsync(followeeId, CancellationToken.None) is null)
        {
            return FollowOutcome.UnknownUser;
        }

        // The store, not the relations grain: a block ends follows through this grain, so this grain never waits on that one.
        if (await relations.IsBlockedEitherWayAsync(UserId, followeeId, CancellationToken.None))
        {
            return FollowOutcome.Blocked;
        }

        if (!await graph.IsFollowingAsync(UserId, followeeId, CancellationToken.None))
        {
            await ChangeFollowAsync(followeeId, following: true);
        }

        return FollowOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<FollowOutcome> Unfollow(string followeeId)
    {
        if (!user.RecordExists)
        {
            throw new InvalidOperationException($"User '{UserId}' does not exist.");
        }

        if (followeeId == UserId)
        {
            return FollowOutcome.Self;
        }

        if (SnowflakeId.TryParse(followeeId, out _) && await graph.IsFollowingAsync(UserId, followeeId, CancellationToken.None))
        {
            await ChangeFollowAsync(followeeId, following: false);
        }

        return FollowOutcome.Done;
    }

    /// <inheritdoc />
    public Task<bool> IsFollowing(string userId) => graph.IsFollowingAsync(UserId, userId, CancellationToken.None);

    /// <inheritdoc />
    public Task<Page<UserSummary>> GetFollowers(int limit, string? cursor) =>
        graph.GetFollowersAsync(UserId, limit, cursor, CancellationToken.None);

    /// <inheritdoc />
    public Task<Page<UserSummary>> GetFollowing(int limit, string? cursor) =>
        graph.GetFollowingAsync(UserId, limit, cursor, CancellationToken.None);

    /// <inheritdoc />
    public Task<IReadOnlyList<UserSummary>> GetSuggestions(int limit) =>
        graph.GetSuggestionsAsync(UserId, limit, CancellationToken.None);

    /// <inheritdoc />
    public async Task<AuthorStatus> RefreshAuthorStatus()
    {
        if (!Exists)
        {
            return AuthorStatus.Gone;
        }

        var counts = await directory.GetCountsAsync(UserId, CancellationToken.None);
        var isCelebrity = counts.Followers >= _options.CelebrityThreshold;
        if (isCelebrity == user.State.IsCelebrity)
        {
            return Status(isCelebrity);
        }

        if (!isCelebrity)
        {
            // The posts were merged at read time until now; store them in every follower's feed before the flag
            // flips, so a failure here is retried by the next check.
            await feeds.BackfillFollowersAsync(UserId, _options.MaxEntries, CancellationToken.None);
            await FollowerFeeds.ForEachPageAsync(graph, UserId, _options.FanoutPageSize, InvalidateFeedsAsync);
        }

        user.State = user.State with { IsCelebrity = isCelebrity };
        await user.WriteStateAsync();
        logger.CelebrityStatusChanged(UserId, isCelebrity, counts.Followers);
        return Status(isCelebrity);
    }

    /// <inheritdoc />
    public async Task MarkDeleted()
    {
        if (user.RecordExists && !user.State.Deleted)
        {
            user.State = user.State with { Deleted = true };
            await user.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task Erase()
    {
        if (user.RecordExists)
        {
            await user.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private static AuthorStatus Status(bool isCelebrity) => isCelebrity ? AuthorStatus.Celebrity : AuthorStatus.Active;

    /// <summary>Tells the followers' feeds, <see cref="FeedOptions.FanoutParallelism"/> at a time, that the author's celebrity status changed.</summary>
    private Task InvalidateFeedsAsync(IReadOnlyList<string> followers) =>
        GrainParallel.ForEachAsync(followers, _options.FanoutParallelism, follower => GrainFactory.GetGrain<IFeedGrain>(follower).Invalidate());

    private async Task ChangeFollowAsync(string followeeId, bool following)
    {
        var version = user.State.FollowVersion + 1;
        var at = time.GetStoredUtcNow();
        var change = new FollowChanged(UserId, followeeId, following, version, at);

        // The version is stored before its event is published, so a version is never published twice with different
        // content: a silo dying in between only burns a number, and the caller's retry publishes the next one.
        user.State = user.State with { FollowVersion = version };
        await user.WriteStateAsync();
        await this.GetEventStream<FollowChanged>(StreamNamespaces.Follows, UserId).OnNextAsync(change);
        if (following)
        {
            var notice = new NotificationRequested(ids.NewId(), followeeId, NotificationTypes.Follow, UserId, user.State.Handle, null, at);
            await this.GetEventStream<NotificationRequested>(StreamNamespaces.Notifications, followeeId).OnNextAsync(notice);
        }

        await graph.SetFollowAsync(UserId, followeeId, following, version, at, CancellationToken.None);
    }

    private async Task<UserProfile> ProfileAsync()
    {
        var counts = await directory.GetCountsAsync(UserId, CancellationToken.None);
        var state = user.State;
        return new UserProfile(UserId, state.Handle, state.DisplayName, state.Bio, counts.Followers, counts.Following, counts.Posts, state.CreatedAt);
    }

    private Task UpsertDirectoryAsync() => directory.UpsertAsync(
        new UserRecord(UserId, user.State.Handle, user.State.DisplayName, user.State.Bio, user.State.CreatedAt), CancellationToken.None);

    /// <summary>Whether the user exists and is not being deleted.</summary>
    private bool Exists => user.RecordExists && !user.State.Deleted;

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new InvalidOperationException($"User '{UserId}' does not exist.");
        }
    }
}
