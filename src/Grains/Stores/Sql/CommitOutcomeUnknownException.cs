namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// A transaction's commit failed after it was sent (typically the connection dropped): the database may or may not
/// have applied it. Never retried blindly: a write that did commit would then apply twice or fail a uniqueness check
/// falsely. Re-read before writing again. The cause is the inner exception.
/// </summary>
public sealed class CommitOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception around the commit's failure.</summary>
    public CommitOutcomeUnknownException(Exception innerException)
        : base("The commit failed after it was sent; it may or may not have been applied.", innerException)
    {
    }
}
