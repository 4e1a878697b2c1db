namespace Playbound.Runtime.Storage;

/// <summary>What a queued storage operation does to its grain state row.</summary>
internal enum StorageOperationKind
{
    /// <summary>Insert (null ETag) or update (ETag given) the row.</summary>
    Write,

    /// <summary>Delete the row.</summary>
    Clear,
}
