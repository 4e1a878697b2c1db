namespace Playbound.Realtime.Presence;

/// <summary>
/// What an Api node announces on the presence channel, and what a silo sends to ask for snapshots. Every announcement
/// also says the node is alive for <paramref name="TtlMs"/> more milliseconds, so silos need not share the node's settings.
/// </summary>
/// <param name="Node">The sender's id, unique per process start.</param>
/// <param name="Kind">One of <see cref="PresenceKinds"/>.</param>
/// <param name="Users">The users concerned: all of the node's for a snapshot, the changed ones otherwise, none for gone and hello.</param>
/// <param name="TtlMs">How long the announcement holds without another from the node; ignored for gone and hello.</param>
internal sealed record PresenceMessage(string Node, string Kind, IReadOnlyList<string> Users, long TtlMs);
