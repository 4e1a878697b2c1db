namespace Playbound.Realtime.RabbitMq;

/// <summary>
/// What an Api node announces on the presence exchange. Every message also says the node is alive for
/// <paramref name="TtlMs"/> more milliseconds, so silos need not share the node's settings.
/// </summary>
/// <param name="Node">The announcing node's id, unique per process start.</param>
/// <param name="Kind">One of <see cref="PresenceKinds"/>.</param>
/// <param name="Users">The users concerned: all of the node's for a snapshot, the changed ones otherwise.</param>
/// <param name="TtlMs">How long the announcement holds without another from the node.</param>
internal sealed record PresenceMessage(string Node, string Kind, IReadOnlyList<string> Users, long TtlMs);

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
}
