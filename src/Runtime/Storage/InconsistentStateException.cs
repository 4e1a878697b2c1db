namespace Playbound.Runtime.Storage;

/// <summary>
/// A write carried an ETag that no longer matches storage: another activation (or an earlier write) changed the
/// record. The write changed nothing; the runtime deactivates the grain so that the next call reloads state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, string? storedETag, string? currentETag)
        : base(message)
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The ETag in storage, when known (null when no record exists).</summary>
    public string? StoredETag { get; }

    /// <summary>The ETag the writer held.</summary>
    public string? CurrentETag { get; }
}
