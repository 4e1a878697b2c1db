namespace Playbound.Runtime.Membership;

/// <summary>One consistent read of a cluster's membership table.</summary>
/// <param name="Version">The cluster's table version: grows with every status change (not with heartbeats).</param>
/// <param name="Entries">Every silo row of the cluster, dead ones included.</param>
/// <param name="ReadAt">The database's clock at the read, so heartbeat ages never depend on a silo's own clock.</param>
public sealed record MembershipTableData(long Version, IReadOnlyList<MembershipEntry> Entries, DateTimeOffset ReadAt)
{
    /// <summary>The row of <paramref name="silo"/>, or null when it has none.</summary>
    public MembershipEntry? Find(SiloAddress silo) => Entries.FirstOrDefault(e => e.Silo == silo);

    /// <summary>The live silos whose last heartbeat is older than <paramref name="deathTimeout"/> at <see cref="ReadAt"/>.</summary>
    public IEnumerable<MembershipEntry> Expired(TimeSpan deathTimeout) =>
        Entries.Where(e => e.Status != SiloStatus.Dead && ReadAt - e.LastHeartbeat > deathTimeout);

    /// <summary>The snapshot placement uses: the active silos, ordered by address.</summary>
    public MembershipSnapshot ToSnapshot() => new(
        Version,
        Entries.Where(static e => e.Status == SiloStatus.Active).Select(static e => e.Silo).Order(SiloAddressComparer.Instance).ToArray());
}
