using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Tests.Cluster;

/// <summary>
/// An in-memory membership table shared by the silos and gateways of one test. A snapshot can be published to some
/// members only, to model a process whose view lags behind.
/// </summary>
public sealed class FakeCluster
{
    private readonly List<FakeMembership> _members = [];
    private long _version;

    public MembershipSnapshot Latest { get; private set; } = MembershipSnapshot.Empty;

    public FakeMembership Join(SiloAddress? localSilo)
    {
        // A real membership reads the table when it starts: a process joining late sees the latest snapshot.
        var member = new FakeMembership(localSilo);
        member.Update(Latest);
        lock (_members)
        {
            _members.Add(member);
        }

        return member;
    }

    /// <summary>Makes <paramref name="silos"/> the active silos, telling every member or only <paramref name="only"/>.</summary>
    public MembershipSnapshot Publish(IEnumerable<SiloAddress> silos, params FakeMembership[] only)
    {
        var snapshot = new MembershipSnapshot(
            Interlocked.Increment(ref _version),
            [.. silos.OrderBy(static s => s.Host, StringComparer.Ordinal).ThenBy(static s => s.Port)]);
        Latest = snapshot;
        FakeMembership[] members;
        lock (_members)
        {
            members = only.Length > 0 ? only : [.. _members];
        }

        foreach (var member in members)
        {
            member.Update(snapshot);
        }

        return snapshot;
    }

    /// <summary>Brings a lagging member up to the latest snapshot.</summary>
    public void CatchUp(FakeMembership member) => member.Update(Latest);
}

/// <summary>One process's view of a <see cref="FakeCluster"/>.</summary>
public sealed class FakeMembership(SiloAddress? localSilo) : IClusterMembership
{
    public MembershipSnapshot Current { get; private set; } = MembershipSnapshot.Empty;

    public SiloAddress? LocalSilo { get; } = localSilo;

    public event Action<MembershipSnapshot>? Changed;

    internal void Update(MembershipSnapshot snapshot)
    {
        Current = snapshot;
        Changed?.Invoke(snapshot);
    }
}
