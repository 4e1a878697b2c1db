using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Playbound.Streaming.Sqlite;

/// <summary>Writes published batches into the queue their stream maps to; a publish returns once its row committed.</summary>
internal sealed class SqliteQueueAdapter(
    string name,
    SqliteQueueStore store,
    IStreamQueueMapper mapper,
    Serializer<SqliteBatchContainer> serializer,
    Func<QueueId, IQueueAdapterReceiver> createReceiver) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("SQLite streams are not rewindable: a publish cannot carry a sequence token", nameof(token));
        }

        var batch = new SqliteBatchContainer(streamId, events.Cast<object>().ToList(), requestContext);
        var queue = mapper.GetQueueForStream(streamId);
        await store.SubmitAsync(new Enqueue(queue.ToString(), streamId.GetNamespace() ?? "", streamId.GetKeyAsString(), serializer.SerializeToArray(batch)));
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => createReceiver(queueId);
}
