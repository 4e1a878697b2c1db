namespace Playbound.Runtime.Storage;

/// <summary>
/// One write or clear waiting for the group-commit writer. The dialect records the outcome in
/// <see cref="Applied"/> and <see cref="NewVersion"/>; the writer then completes <see cref="Completion"/>.
/// </summary>
internal sealed class StorageOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private int _state;

    private StorageOperation(
        StorageOperationKind kind, GrainId grainId, string stateName, string? expectedETag, byte[]? payload,
        IReadOnlyList<OutboxEvent> events)
    {
        Kind = kind;
        GrainId = grainId;
        StateName = stateName;
        ExpectedETag = expectedETag;
        ExpectedVersion = GrainStateETag.ToVersion(expectedETag);
        Payload = payload;
        Events = events;
    }

    /// <summary>Whether this writes or clears the row.</summary>
    public StorageOperationKind Kind { get; }

    /// <summary>The grain whose row this changes.</summary>
    public GrainId GrainId { get; }

    /// <summary>The state name (third part of the row's key).</summary>
    public string StateName { get; }

    /// <summary>The ETag the caller holds, for error messages.</summary>
    public string? ExpectedETag { get; }

    /// <summary>The version the row must have; null when the caller expects no row.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>The serialized state of a write; null for a clear.</summary>
    public byte[]? Payload { get; }

    /// <summary>Outbox events committed with a write, in order.</summary>
    public IReadOnlyList<OutboxEvent> Events { get; }

    /// <summary>
    /// A clear of a record the caller believes missing. No statement can prove that by affecting a row, so the
    /// dialect skips it and the writer checks that no row is stored.
    /// </summary>
    public bool IsClearOfMissingRecord => Kind == StorageOperationKind.Clear && ExpectedVersion is null;

    /// <summary>Set by the dialect when the statement changed the row (the ETag matched).</summary>
    public bool Applied { get; set; }

    /// <summary>Set by the dialect on an applied write: the row's new version.</summary>
    public long? NewVersion { get; set; }

    /// <summary>Set by the writer on a conflict: the version stored when the batch ran (null when no row).</summary>
    public long? StoredVersion { get; set; }

    /// <summary>When the caller issued the operation (for the duration metric).</summary>
    public long StartTimestamp { get; init; }

    /// <summary>Completes with the new version (null after a clear), or fails.</summary>
    public TaskCompletionSource<long?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a write.</summary>
    public static StorageOperation Write(
        GrainId grainId, string stateName, string? expectedETag, byte[] payload, IReadOnlyList<OutboxEvent> events,
        long startTimestamp) =>
        new(StorageOperationKind.Write, grainId, stateName, expectedETag, payload, events) { StartTimestamp = startTimestamp };

    /// <summary>Creates a clear.</summary>
    public static StorageOperation Clear(GrainId grainId, string stateName, string? expectedETag, long startTimestamp) =>
        new(StorageOperationKind.Clear, grainId, stateName, expectedETag, payload: null, []) { StartTimestamp = startTimestamp };

    /// <summary>
    /// Claims the operation for a batch. Fails when the caller cancelled while it was queued; once taken,
    /// cancellation is ignored because the commit's outcome must be reported truthfully.
    /// </summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Cancels the operation if no batch has taken it yet.</summary>
    public void TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued)
        {
            Completion.TrySetCanceled(cancellationToken);
        }
    }
}
