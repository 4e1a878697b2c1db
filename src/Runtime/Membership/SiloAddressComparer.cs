namespace Playbound.Runtime.Membership;

/// <summary>
/// Orders silos by host (ordinal), port, then generation: the order of <see cref="MembershipSnapshot.ActiveSilos"/>,
/// identical in every process so that placement hashes agree.
/// </summary>
public sealed class SiloAddressComparer : IComparer<SiloAddress>
{
    /// <summary>The one instance.</summary>
    public static readonly SiloAddressComparer Instance = new();

    private SiloAddressComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(SiloAddress? x, SiloAddress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byHost = string.CompareOrdinal(x.Host, y.Host);
        return byHost != 0 ? byHost : x.Port != y.Port ? x.Port.CompareTo(y.Port) : x.Generation.CompareTo(y.Generation);
    }
}
