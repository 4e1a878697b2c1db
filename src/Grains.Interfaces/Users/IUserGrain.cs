using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// A user (key: user id): profile, counters and the user's side of the social graph. Follow and unfollow write
/// the graph and emit events that update the followee's notifications and the follower's feed.
/// </summary>
[Alias("playbound.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user; idempotent for the same handle. Called by <see cref="IAccountGrain.Register"/>.</summary>
    [Alias("Create")]
    Task Create(string handle, string displayName);

    /// <summary>The profile, or null when no such user exists.</summary>
    [Alias("GetProfile")]
    [ReadOnly]
    Task<UserProfile?> GetProfile();

    /// <summary>Changes display name and/or bio (null leaves a field unchanged); returns the new profile. Inputs are validated at the Api.</summary>
    [Alias("UpdateProfile")]
    Task<UserProfile> UpdateProfile(string? displayName, string? bio);

    /// <summary>Makes this user follow <paramref name="followeeId"/>; idempotent.</summary>
    [Alias("Follow")]
    Task<FollowOutcome> Follow(string followeeId);

    /// <summary>Makes this user stop following <paramref name="followeeId"/>; idempotent.</summary>
    [Alias("Unfollow")]
    Task<FollowOutcome> Unfollow(string followeeId);

    /// <summary>Whether this user follows <paramref name="userId"/>.</summary>
    [Alias("IsFollowing")]
    [ReadOnly]
    Task<bool> IsFollowing(string userId);

    /// <summary>Users who follow this user, newest follow first.</summary>
    [Alias("GetFollowers")]
    [ReadOnly]
    Task<Page<UserSummary>> GetFollowers(int limit, string? cursor);

    /// <summary>Users this user follows, newest follow first.</summary>
    [Alias("GetFollowing")]
    [ReadOnly]
    Task<Page<UserSummary>> GetFollowing(int limit, string? cursor);

    /// <summary>Users followed by this user's followees but not by this user (nor this user), ranked by how many followees follow them.</summary>
    [Alias("GetSuggestions")]
    [ReadOnly]
    Task<IReadOnlyList<UserSummary>> GetSuggestions(int limit);

    /// <summary>
    /// Internal (called after each follow change of this user as followee and before each fan-out of this user's
    /// posts, not by the Api): compares the follower count with <c>Playbound:Feed:CelebrityThreshold</c>, records the
    /// result and, when the user stopped being a celebrity, copies the user's recent posts into every follower's feed
    /// (those posts were merged at read time until now). Returns what the user's posts should reach now.
    /// </summary>
    /// <remarks>
    /// Whoever skips storing posts because the author is a celebrity must take that answer from here: the recorded
    /// status is what a later drop below the threshold compares with, so a post left out of the feeds is always
    /// copied in by that drop's backfill.
    /// </remarks>
    [Alias("RefreshAuthorStatus")]
    Task<AuthorStatus> RefreshAuthorStatus();

    /// <summary>
    /// Internal (the account deletion's first step): from now on the user has no profile, cannot follow and their
    /// posts reach nobody; unfollowing still works, so the deletion can end the user's follows. Idempotent.
    /// </summary>
    [Alias("MarkDeleted")]
    Task MarkDeleted();

    /// <summary>Internal (the account deletion's last step): forgets the user's state for good. Idempotent.</summary>
    [Alias("Erase")]
    Task Erase();
}

/// <summary>What an author's new posts should reach.</summary>
public enum AuthorStatus
{
    /// <summary>Every follower's stored feed.</summary>
    Active,

    /// <summary>No stored feed but the author's own: followers merge the posts at read time.</summary>
    Celebrity,

    /// <summary>Nobody: the author's account is deleted or being deleted.</summary>
    Gone,
}
