namespace Playbound.Runtime.Placement;

/// <summary>
/// A hash that is the same in every process and every .NET version (string.GetHashCode is randomized per process),
/// so every silo and gateway holding one membership snapshot places a grain on the same silo.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    /// <summary>FNV-1a 64 over the UTF-16 code units of both strings, each followed by a separator.</summary>
    public static ulong Of(string first, string second)
    {
        var hash = Append(FnvOffset, first);
        return Append(hash, second);
    }

    /// <summary>
    /// Mixes two hashes into a well-spread score (the splitmix64 finalizer). Plain FNV of similar inputs differs in
    /// few bits; without mixing, rendezvous scores of one silo would correlate across grains and skew placement.
    /// </summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var z = a ^ (b * 0x9E3779B97F4A7C15);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static ulong Append(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        // A separator, so ("ab", "c") and ("a", "bc") hash differently.
        return (hash ^ 0xFF) * FnvPrime;
    }
}
