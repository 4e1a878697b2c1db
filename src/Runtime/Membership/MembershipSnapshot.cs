namespace Playbound.Runtime.Membership;

/// <summary>
/// The cluster as one silo or gateway sees it at a moment: the silos that may own grains, in a stable order.
/// Placement hashes grain ids over <see cref="ActiveSilos"/>, so every process holding the same version places
/// every grain on the same silo.
/// </summary>
/// <param name="Version">Grows with every change of the membership table; a larger version is newer.</param>
/// <param name="ActiveSilos">The silos whose status is active, ordered by address.</param>
public sealed record MembershipSnapshot(long Version, IReadOnlyList<SiloAddress> ActiveSilos)
{
    /// <summary>No silos: before the first read of the membership table.</summary>
    public static readonly MembershipSnapshot Empty = new(0, []);
}
