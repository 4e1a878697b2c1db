using Microsoft.Extensions.Logging;

namespace Playbound.Runtime.Storage;

/// <summary>Source-generated log messages of the grain storage providers (event ids 3000-3099).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug,
        Message = "Storage {StorageName} ({Provider}) committed a batch of {Count} operations with {Conflicts} ETag conflicts in {ElapsedMs} ms")]
    public static partial void BatchCommitted(
        this ILogger logger, string storageName, string provider, int count, int conflicts, double elapsedMs);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Storage {StorageName} ({Provider}) failed to commit a batch of {Count} operations; all of them failed")]
    public static partial void BatchFailed(this ILogger logger, Exception exception, string storageName, string provider, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug,
        Message = "Storage {StorageName}: {Operation} of state {StateName} of grain {GrainId} failed: expected ETag {ExpectedETag}, stored {StoredETag}")]
    public static partial void ETagConflict(
        this ILogger logger, string storageName, string operation, string stateName, GrainId grainId, string? expectedETag,
        string? storedETag);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "Storage {StorageName} ({Provider}) schema is ready")]
    public static partial void SchemaReady(this ILogger logger, string storageName, string provider);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Storage {StorageName} ({Provider}) did not flush its pending writes within {TimeoutMs} ms of shutdown; aborting them")]
    public static partial void ShutdownTimedOut(this ILogger logger, string storageName, string provider, double timeoutMs);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error,
        Message = "Storage {StorageName} ({Provider}) writer loop failed unexpectedly")]
    public static partial void WriterLoopFailed(this ILogger logger, Exception exception, string storageName, string provider);
}
