using Playbound.Runtime.Membership;

namespace Playbound.Streams.RabbitMq.Tests;

/// <summary>An in-memory membership shared by the silos of one test; partition ownership follows what it publishes.</summary>
public sealed class TestCluster
{
    private readonly List<TestMembership> _members = [];
    private long _version;

    public TestMembership Join(SiloAddress silo)
    {
        var member = new TestMembership(silo);
        lock (_members)
        {
            _members.Add(member);
        }

        return member;
    }

    /// <summary>Makes <paramref name="silos"/> the active silos and tells every member.</summary>
    public void Publish(params SiloAddress[] silos)
    {
        var snapshot = new MembershipSnapshot(Interlocked.Increment(ref _version), [.. silos.OrderBy(static s => s.Port)]);
        TestMembership[] members;
        lock (_members)
        {
            members = [.. _members];
        }

        foreach (var member in members)
        {
            member.Update(snapshot);
        }
    }
}

public sealed class TestMembership(SiloAddress localSilo) : IClusterMembership
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
