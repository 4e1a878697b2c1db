namespace Playbound.Grains.Stores;

/// <summary>A row of the user directory.</summary>
public sealed record UserRecord(string UserId, string Handle, string DisplayName, string Bio, DateTimeOffset CreatedAt);

/// <summary>A user's counters, kept in the same transaction as the rows they count.</summary>
public sealed record UserCounts(long Followers, long Following, long Posts);

/// <summary>What a follow or unfollow changed.</summary>
/// <param name="Changed">Whether the relationship flipped (false when it already held, or the version was older).</param>
/// <param name="FolloweeFollowers">The followee's follower count afterwards.</param>
public sealed record FollowChange(bool Changed, long FolloweeFollowers);

/// <summary>A row of the posts table: the post itself, as a plain SQL design would store it.</summary>
public sealed record PostRecord(string PostId, string AuthorId, string AuthorHandle, string Text, string? ReplyTo, DateTimeOffset CreatedAt);

/// <summary>One entry of a home timeline: a post, there from its author or (with a reposter) from a repost.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
/// <param name="ReposterId">Whose repost brought it, or null.</param>
/// <param name="RepostId">That repost's id, or null.</param>
public sealed record FeedEntry(string PostId, string AuthorId, string? ReposterId = null, string? RepostId = null)
{
    /// <summary>Where the entry sorts in the feed: when it entered (the repost's id, else the post's).</summary>
    public string Position => RepostId ?? PostId;
}

/// <summary>A comment row.</summary>
public sealed record CommentRecord(string CommentId, string PostId, string AuthorId, string AuthorHandle, string Text, DateTimeOffset CreatedAt);

/// <summary>A notification row.</summary>
public sealed record NotificationRecord(
    string NotificationId, string UserId, string Type, string ActorId, string ActorHandle, string? PostId, DateTimeOffset CreatedAt, bool Read);

/// <summary>A page of ids for fan-out, in a stable order, with the position to continue from.</summary>
public sealed record IdPage(IReadOnlyList<string> Ids, string? NextCursor);
