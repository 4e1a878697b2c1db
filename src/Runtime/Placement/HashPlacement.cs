using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: each silo scores the grain id and the highest score owns it. Every
/// process with the same snapshot agrees without talking, and when a silo leaves only the grains it owned move
/// (each to the silo with its second-highest score); when one joins, it takes an even share from every silo.
/// </summary>
public sealed class HashPlacement : IPlacementDirector
{
    // Silo hashes depend only on the snapshot, so they are computed once per version and swapped in whole.
    private SiloHashes _cache = new(MembershipSnapshot.Empty, []);

    /// <inheritdoc />
    public SiloAddress? GetOwner(GrainId grainId, MembershipSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var silos = snapshot.ActiveSilos;
        if (silos.Count == 0)
        {
            return null;
        }

        var hashes = SiloHashesOf(snapshot);
        var grainHash = StableHash.Of(grainId.Type, grainId.Key);
        var best = 0;
        var bestScore = StableHash.Mix(grainHash, hashes[0]);
        for (var i = 1; i < hashes.Length; i++)
        {
            var score = StableHash.Mix(grainHash, hashes[i]);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return silos[best];
    }

    // A silo is hashed by its endpoint, not its generation: a silo restarted on the same endpoint takes back the same grains.
    private ulong[] SiloHashesOf(MembershipSnapshot snapshot)
    {
        var cache = _cache;
        if (ReferenceEquals(cache.Snapshot, snapshot))
        {
            return cache.Hashes;
        }

        var hashes = snapshot.ActiveSilos.Select(static s => StableHash.Of(s.Host, s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        _cache = new SiloHashes(snapshot, hashes);
        return hashes;
    }

    private sealed record SiloHashes(MembershipSnapshot Snapshot, ulong[] Hashes);
}
