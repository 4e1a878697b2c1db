namespace Playbound.KafkaMock;

/// <summary>A topic the mock creates at start (clients cannot: the mock has no working Admin API).</summary>
internal sealed record TopicSpec(string Name, int Partitions);
