namespace Playbound.Runtime;

/// <summary>The identity of a grain: its grain type name and its key. Two references with equal ids address the same grain.</summary>
/// <param name="Type">The grain type name, e.g. <c>user</c> for <c>UserGrain</c>.</param>
/// <param name="Key">The grain's string key.</param>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
