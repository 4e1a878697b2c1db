namespace Playbound.Grains;

/// <summary>A notification as clients see it.</summary>
/// <param name="NotificationId">Its id.</param>
/// <param name="Type"><c>follow</c>, <c>like</c>, <c>comment</c> or <c>mention</c>.</param>
/// <param name="ActorId">Who caused it.</param>
/// <param name="ActorHandle">The actor's handle.</param>
/// <param name="PostId">The post concerned, for like, comment and mention.</param>
/// <param name="CreatedAt">When it happened.</param>
/// <param name="Read">Whether the user has marked it read.</param>
[GenerateSerializer, Alias("playbound.NotificationView")]
public sealed record NotificationView(
    [property: Id(0)] string NotificationId,
    [property: Id(1)] string Type,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string ActorHandle,
    [property: Id(4)] string? PostId,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] bool Read);

/// <summary>A page of notifications with the unread count.</summary>
/// <param name="Items">The notifications, newest first.</param>
/// <param name="NextCursor">The raw position to continue from, or null.</param>
/// <param name="Unread">How many notifications are unread in all.</param>
[GenerateSerializer, Alias("playbound.NotificationPage")]
public sealed record NotificationPage([property: Id(0)] IReadOnlyList<NotificationView> Items, [property: Id(1)] string? NextCursor, [property: Id(2)] long Unread);

/// <summary>Notification types.</summary>
public static class NotificationTypes
{
    /// <summary>Someone followed the user.</summary>
    public const string Follow = "follow";

    /// <summary>Someone liked the user's post.</summary>
    public const string Like = "like";

    /// <summary>Someone commented on the user's post.</summary>
    public const string Comment = "comment";

    /// <summary>Someone mentioned the user with @handle.</summary>
    public const string Mention = "mention";

    /// <summary>Someone reposted the user's post.</summary>
    public const string Repost = "repost";
}
