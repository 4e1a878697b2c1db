namespace Playbound.Grains.Realtime;

/// <summary>The client methods the realtime hub calls (api.md, "Realtime"), shared by every publisher so the names cannot drift.</summary>
public static class RealtimeMethods
{
    /// <summary><c>feedPost(post)</c>: a <see cref="PostView"/> just entered the user's home feed.</summary>
    public const string FeedPost = "feedPost";

    /// <summary><c>notification(notification)</c>: a new <see cref="NotificationView"/> for the user.</summary>
    public const string Notification = "notification";

    /// <summary><c>postUpdated({postId, likes, comments})</c>: the <see cref="PostCounts"/> of a watched post changed.</summary>
    public const string PostUpdated = "postUpdated";
}
