namespace Playbound.Grains;

/// <summary>A user's public profile with counters.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Handle">The unique lower-case handle.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Bio">The bio (may be empty).</param>
/// <param name="Followers">How many users follow this user.</param>
/// <param name="Following">How many users this user follows.</param>
/// <param name="Posts">How many posts this user has (deleted ones excluded).</param>
/// <param name="CreatedAt">When the user registered.</param>
[GenerateSerializer, Alias("playbound.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Handle,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Bio,
    [property: Id(4)] long Followers,
    [property: Id(5)] long Following,
    [property: Id(6)] long Posts,
    [property: Id(7)] DateTimeOffset CreatedAt);

/// <summary>The short form of a user in lists.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Handle">The handle.</param>
/// <param name="DisplayName">The display name.</param>
[GenerateSerializer, Immutable, Alias("playbound.UserSummary")]
public sealed record UserSummary([property: Id(0)] string UserId, [property: Id(1)] string Handle, [property: Id(2)] string DisplayName);

/// <summary>The outcome of a follow or unfollow request.</summary>
public enum FollowOutcome
{
    /// <summary>The relationship now holds as asked (also when it already did: follow is idempotent).</summary>
    Done,

    /// <summary>A user cannot follow themselves.</summary>
    Self,

    /// <summary>The user to follow does not exist.</summary>
    UnknownUser,

    /// <summary>One of the two blocks the other, so neither may follow the other.</summary>
    Blocked,
}
