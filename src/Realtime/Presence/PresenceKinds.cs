namespace Playbound.Realtime.Presence;

/// <summary>The kinds of <see cref="PresenceMessage"/>.</summary>
internal static class PresenceKinds
{
    /// <summary>These are all of the node's users; any other it had announced left.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>These users opened their first connection on the node.</summary>
    public const string Online = "online";

    /// <summary>These users closed their last connection on the node.</summary>
    public const string Offline = "offline";

    /// <summary>The node is shutting down: all of its users left.</summary>
    public const string Gone = "gone";

    /// <summary>
    /// A silo (re)joined and knows nothing: every node answers with a snapshot right away. Sent on
    /// <see cref="RedisPresenceOptions.HelloChannel"/>, never on the announcement channel.
    /// </summary>
    public const string Hello = "hello";

    /// <summary>Whether <paramref name="kind"/> is one a node announces (so a silo applies it).</summary>
    public static bool IsAnnouncement(string kind) => kind is Snapshot or Online or Offline or Gone;
}
