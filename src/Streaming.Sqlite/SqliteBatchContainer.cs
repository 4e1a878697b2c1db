using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Streaming.Sqlite;

/// <summary>
/// One queue row: the events a producer sent in one call. Its token is the row's sequence number, given when the row
/// is read, so tokens follow the queue's order and name the row to delete once delivered.
/// </summary>
[GenerateSerializer, Alias("playbound.streaming.sqlite.batch")]
internal sealed class SqliteBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public List<object> Events { get; } = events;

    [Id(2)] public Dictionary<string, object>? RequestContext { get; } = requestContext;

    [Id(3)] public EventSequenceTokenV2? Token { get; set; }

    public StreamSequenceToken SequenceToken => Token ?? throw new InvalidOperationException("a batch gets its token when it is read from its queue");

    /// <summary>The queue row this batch was read from.</summary>
    public long Sequence => Token?.SequenceNumber ?? throw new InvalidOperationException("a batch gets its sequence when it is read from its queue");

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.OfType<T>().Select((item, index) => Tuple.Create(item, (StreamSequenceToken)new EventSequenceTokenV2(Sequence, index)));

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() => $"batch {Token?.SequenceNumber} of stream {StreamId} ({Events.Count} events)";
}
