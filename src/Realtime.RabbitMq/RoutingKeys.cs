namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// The routing keys of pushes on the topic exchange. Ids may hold dots (<c>user.a.b</c>): bindings name whole keys, never
/// wildcards, so a dot only adds a word and cannot match another user's key.
/// </summary>
internal static class RoutingKeys
{
    private const string UserPrefix = "user.";
    private const string PostPrefix = "post.";

    /// <summary>The key of pushes to a user's connections.</summary>
    public static string User(string userId) => UserPrefix + userId;

    /// <summary>The key of pushes to the connections watching a post.</summary>
    public static string Post(string postId) => PostPrefix + postId;

    /// <summary>Splits a key into its target; false for a key that is neither a user's nor a post's.</summary>
    public static bool TryParse(string routingKey, out bool isUser, out string id)
    {
        isUser = routingKey.StartsWith(UserPrefix, StringComparison.Ordinal);
        if (isUser || routingKey.StartsWith(PostPrefix, StringComparison.Ordinal))
        {
            id = routingKey[(isUser ? UserPrefix : PostPrefix).Length..];
            return id.Length > 0;
        }

        id = "";
        return false;
    }
}
