using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Writes stream events to the topic and creates the receivers reading it back. Each call of
/// <see cref="QueueMessageBatchAsync{T}"/> becomes one record, keyed by the stream id and written to the partition of
/// the stream's queue, so a stream's events keep their order in one partition.
/// </summary>
internal sealed class KafkaQueueAdapter : IQueueAdapter
{
    private readonly KafkaStreamOptions _options;
    private readonly string _consumerGroupId;
    private readonly HashRingBasedPartitionedStreamQueueMapper _mapper;
    private readonly Serializer _serializer;
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly KafkaDeadLetterWriter _deadLetters;
    private readonly KafkaReceiverRegistry _receivers;
    private readonly ILoggerFactory _loggerFactory;

    public KafkaQueueAdapter(
        string name,
        KafkaStreamOptions options,
        HashRingBasedPartitionedStreamQueueMapper mapper,
        Serializer serializer,
        IProducer<byte[], byte[]> producer,
        KafkaDeadLetterWriter deadLetters,
        KafkaReceiverRegistry receivers,
        ILoggerFactory loggerFactory)
    {
        Name = name;
        _options = options;
        _consumerGroupId = options.ResolveConsumerGroupId(name);
        _mapper = mapper;
        _serializer = serializer;
        _producer = producer;
        _deadLetters = deadLetters;
        _receivers = receivers;
        _loggerFactory = loggerFactory;
    }

    public string Name { get; }

    /// <summary>Not rewindable: a subscriber cannot ask for a past token (the committed offset is the only start point).</summary>
    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    /// <summary>Completes once every in-sync replica has the record (acks=all), so an acknowledged publish is durable.</summary>
    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("Kafka assigns offsets: publishing with a sequence token is not supported.", nameof(token));
        }

        var body = new KafkaMessageBody
        {
            StreamId = streamId,
            Events = events.Cast<object>().ToList(),
            RequestContext = requestContext,
        };
        var message = new Message<byte[], byte[]>
        {
            Key = KafkaRecordFormat.EncodeStreamId(streamId),
            Value = _serializer.SerializeToArray(body),
            Headers = KafkaRecordFormat.NewRecordHeaders(),
        };
        // The partition is the mapper's, not Kafka's key hash: Orleans and Kafka must agree on where a stream lives.
        await _producer.ProduceAsync(PartitionOf(_mapper.GetQueueForStream(streamId)), message);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new KafkaQueueAdapterReceiver(
            queueId,
            PartitionOf(queueId),
            KafkaClientConfig.ForConsumer(_options, _consumerGroupId),
            _options.OperationTimeout,
            _serializer,
            _deadLetters,
            _receivers,
            _loggerFactory.CreateLogger<KafkaQueueAdapterReceiver>());

    private TopicPartition PartitionOf(QueueId queueId) =>
        new(_options.Topic, new Partition(int.Parse(_mapper.QueueToPartition(queueId), CultureInfo.InvariantCulture)));
}
