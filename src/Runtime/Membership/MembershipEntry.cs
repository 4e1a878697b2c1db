namespace Playbound.Runtime.Membership;

/// <summary>One silo row of the membership table as read.</summary>
/// <param name="Silo">The silo.</param>
/// <param name="Status">Its status.</param>
/// <param name="StartedAt">When it inserted its row (database clock).</param>
/// <param name="LastHeartbeat">Its last heartbeat (database clock).</param>
/// <param name="RowVersion">Grows with every write of the row; a conditional write names the version it read.</param>
public sealed record MembershipEntry(
    SiloAddress Silo, SiloStatus Status, DateTimeOffset StartedAt, DateTimeOffset LastHeartbeat, long RowVersion);
