namespace Playbound.Runtime.Membership;

/// <summary>
/// What a process knows of the silo cluster: the latest <see cref="MembershipSnapshot"/> and when it changes.
/// Silos publish themselves through it (join, heartbeat, leave); gateways (Api nodes) only read.
/// </summary>
public interface IClusterMembership
{
    /// <summary>The latest snapshot this process has read.</summary>
    MembershipSnapshot Current { get; }

    /// <summary>This silo's address, or null in a process that hosts no grains (a gateway).</summary>
    SiloAddress? LocalSilo { get; }

    /// <summary>Raised after <see cref="Current"/> changes to a newer version; handlers must be quick and must not throw.</summary>
    event Action<MembershipSnapshot>? Changed;
}
