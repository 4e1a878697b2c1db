namespace Playbound.Runtime.Streams;

/// <summary>Identifies a stream: a namespace (one per event kind) and a key (usually the grain key that consumes it).</summary>
/// <param name="Namespace">The stream namespace.</param>
/// <param name="Key">The stream key.</param>
public readonly record struct StreamId(string Namespace, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Key}";
}
