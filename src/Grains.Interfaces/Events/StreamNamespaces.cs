namespace Playbound.Grains;

/// <summary>
/// The stream namespaces of the social domain. Each carries one event type; the key says which grain receives the
/// events (implicit subscription), and events of one key arrive in the order they were written.
/// </summary>
public static class StreamNamespaces
{
    /// <summary>The Orleans stream provider every namespace below is published on: the durable event log (SQLite queue or Kafka).</summary>
    public const string ProviderName = "events";

    /// <summary><see cref="FollowChanged"/> events, keyed by the follower's user id.</summary>
    public const string Follows = "follows";

    /// <summary><see cref="PostEvent"/>s (<see cref="PostPublished"/>, <see cref="PostDeleted"/>), keyed by the author's user id.</summary>
    public const string Posts = "posts";

    /// <summary><see cref="NotificationRequested"/> events, keyed by the user to notify.</summary>
    public const string Notifications = "notifications";

    /// <summary>Every namespace above.</summary>
    public static IReadOnlyList<string> All { get; } = [Follows, Posts, Notifications];
}
