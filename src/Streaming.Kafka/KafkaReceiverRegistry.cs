using System.Collections.Concurrent;
using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// The live receiver of each queue on this silo. Orleans asks the factory for a failure handler per queue but hands
/// it only a stream id and a token; the handler finds the failed record through the receiver that read it.
/// </summary>
internal sealed class KafkaReceiverRegistry
{
    private readonly ConcurrentDictionary<QueueId, KafkaQueueAdapterReceiver> _receivers = new();

    public void Register(QueueId queueId, KafkaQueueAdapterReceiver receiver) => _receivers[queueId] = receiver;

    /// <summary>Removes <paramref name="receiver"/> unless a newer receiver of the queue already replaced it.</summary>
    public void Unregister(QueueId queueId, KafkaQueueAdapterReceiver receiver) =>
        _receivers.TryRemove(new KeyValuePair<QueueId, KafkaQueueAdapterReceiver>(queueId, receiver));

    /// <summary>Every live receiver of this silo (for the lag gauge).</summary>
    public IEnumerable<KafkaQueueAdapterReceiver> All => _receivers.Values;

    public bool TryGet(QueueId queueId, out KafkaQueueAdapterReceiver receiver) => _receivers.TryGetValue(queueId, out receiver!);
}
