namespace Playbound.Grains;

/// <summary>
/// A follow or unfollow, written with the follower's state (its <paramref name="Version"/>) in one transaction.
/// Stream <see cref="StreamNamespaces.Follows"/>, key: <paramref name="FollowerId"/>.
/// </summary>
/// <param name="FollowerId">Who follows or stops following.</param>
/// <param name="FolloweeId">Who is followed or unfollowed.</param>
/// <param name="Following">True for follow, false for unfollow.</param>
/// <param name="Version">The follower's follow version after this change; replays of older versions change nothing.</param>
/// <param name="At">When it happened.</param>
[GenerateSerializer, Alias("playbound.FollowChanged")]
public sealed record FollowChanged(
    [property: Id(0)] string FollowerId,
    [property: Id(1)] string FolloweeId,
    [property: Id(2)] bool Following,
    [property: Id(3)] long Version,
    [property: Id(4)] DateTimeOffset At);
