namespace Playbound.Runtime.Storage;

/// <summary>A grain state row as read from a database.</summary>
/// <param name="Payload">The serialized state (JSON bytes from the grain serializer).</param>
/// <param name="Version">The row's version; its ETag is this number as a string.</param>
internal readonly record struct StoredRecord(byte[] Payload, long Version);
