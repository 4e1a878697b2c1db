using System.Globalization;

namespace Playbound.Runtime.Storage;

/// <summary>
/// The ETag rules every provider shares: an ETag is the row's version number as an invariant string, and a
/// mismatch is reported the same way everywhere.
/// </summary>
internal static class GrainStateETag
{
    /// <summary>
    /// The version an ETag that is not a number maps to. Stored versions start at 1, so such an ETag can never
    /// match and its write fails like any other stale write.
    /// </summary>
    public const long UnmatchableVersion = -1;

    /// <summary>Formats a stored version as an ETag.</summary>
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag expects; null when the writer expects no record.</summary>
    public static long? ToVersion(string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : UnmatchableVersion;
    }

    /// <summary>Creates the exception for a write or clear whose ETag did not match the stored version.</summary>
    public static InconsistentStateException Conflict(
        StorageOperationKind kind, GrainId grainId, string stateName, string? expectedETag, long? storedVersion)
    {
        var storedETag = storedVersion is { } version ? Format(version) : null;
        var verb = kind == StorageOperationKind.Write ? "Write" : "Clear";
        var expected = expectedETag is null ? "no record (null ETag)" : $"ETag '{expectedETag}'";
        var stored = storedETag is null ? "no record is stored" : $"the stored ETag is '{storedETag}'";
        return new InconsistentStateException(
            $"{verb} of state '{stateName}' of grain {grainId} failed: expected {expected} but {stored}.",
            storedETag,
            expectedETag);
    }
}
