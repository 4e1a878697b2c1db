using Playbound.Runtime;
using Playbound.Runtime.Placement;

namespace Playbound.Streams.RabbitMq;

/// <summary>One stream queue: partition <paramref name="Index"/> of a namespace.</summary>
/// <param name="Namespace">The stream namespace.</param>
/// <param name="Index">The partition, 0 to the partition count - 1.</param>
internal readonly record struct StreamPartition(string Namespace, int Index)
{
    /// <summary>The placement identity of the partition: the silo that would own this "grain" consumes it.</summary>
    public GrainId OwnerKey => new("stream-partition", $"{Namespace}/{Index}");

    public override string ToString() => $"{Namespace}/{Index}";
}

/// <summary>Maps streams to partitions and partitions to queue names; the same in every silo.</summary>
internal sealed class StreamPartitioner(RabbitMqStreamOptions options)
{
    /// <summary>The partition every event of (<paramref name="streamNamespace"/>, <paramref name="key"/>) goes to.</summary>
    public StreamPartition PartitionOf(string streamNamespace, string key) =>
        new(streamNamespace, (int)(StableHash.Mix(StableHash.Of(streamNamespace, key), 0) % (ulong)options.Partitions));

    /// <summary>Every partition of <paramref name="namespaces"/>.</summary>
    public IEnumerable<StreamPartition> All(IEnumerable<string> namespaces) =>
        namespaces.SelectMany(ns => Enumerable.Range(0, options.Partitions).Select(i => new StreamPartition(ns, i)));

    public string QueueName(StreamPartition partition) => $"{options.QueuePrefix}.{partition.Namespace}.{partition.Index}";

    public string DeadLetterQueue => $"{options.QueuePrefix}.dead-letter";
}
