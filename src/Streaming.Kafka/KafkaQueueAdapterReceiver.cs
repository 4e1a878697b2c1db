using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Playbound.Streaming.Kafka;

/// <summary>
/// Reads one Kafka partition for the Orleans queue the queue balancer gave this silo. The partition is assigned
/// explicitly (never subscribed): Kafka's group rebalancing must not fight Orleans' balancer. The group id only
/// stores how far the partition was delivered; that offset moves only over records Orleans reported delivered.
/// </summary>
internal sealed class KafkaQueueAdapterReceiver : IQueueAdapterReceiver
{
    private readonly QueueId _queueId;
    private readonly TopicPartition _partition;
    private readonly ConsumerConfig _consumerConfig;
    private readonly TimeSpan _operationTimeout;
    private readonly KafkaRecordDecoder _decoder;
    private readonly KafkaDeadLetterWriter _deadLetters;
    private readonly KafkaReceiverRegistry _registry;
    private readonly ILogger _logger;
    // Commits are blocking broker round trips: one at a time keeps the committed offset monotonic.
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    // Offsets being dead-lettered right now: two subscriptions failing on one record must park it once.
    private readonly HashSet<long> _parking = [];
    private InFlightLedger<ConsumeResult<byte[], byte[]>> _ledger = new(-1);
    private IConsumer<byte[], byte[]>? _consumer;
    private long _committed = -1;
    private volatile bool _stopped;

    public KafkaQueueAdapterReceiver(
        QueueId queueId,
        TopicPartition partition,
        ConsumerConfig consumerConfig,
        TimeSpan operationTimeout,
        Serializer serializer,
        KafkaDeadLetterWriter deadLetters,
        KafkaReceiverRegistry registry,
        ILogger logger)
    {
        _queueId = queueId;
        _partition = partition;
        _consumerConfig = consumerConfig;
        _operationTimeout = operationTimeout;
        _decoder = new KafkaRecordDecoder(serializer);
        _deadLetters = deadLetters;
        _registry = registry;
        _logger = logger;
    }

    /// <summary>The partition as <c>topic/partition</c>, the <c>queue</c> tag of the provider's metrics.</summary>
    internal string PartitionName => $"{_partition.Topic}/{_partition.Partition.Value}";

    /// <summary>
    /// The high watermark librdkafka last saw for the partition (cached: no broker round trip) minus the committed
    /// offset (or the low watermark before any commit); null before the consumer started or while the watermark is unknown.
    /// </summary>
    internal long? ConsumerLag()
    {
        if (_consumer is not { } consumer || _stopped)
        {
            return null;
        }

        try
        {
            var watermarks = consumer.GetWatermarkOffsets(_partition);
            if (watermarks is null || watermarks.High.IsSpecial)
            {
                return null;
            }

            var committed = CommittedOffset;
            var from = committed >= 0 ? committed : watermarks.Low.IsSpecial ? 0 : watermarks.Low.Value;
            return Math.Max(0, watermarks.High.Value - from);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or KafkaException)
        {
            return null;
        }
    }

    /// <summary>The offset committed last by this receiver; -1 before its first commit.</summary>
    internal long CommittedOffset => Interlocked.Read(ref _committed);

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) =>
        await StartAsync(timeout < _operationTimeout ? timeout : _operationTimeout, cancellationToken);

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    /// <summary>
    /// Hands out what librdkafka already fetched in the background, up to <paramref name="maxCount"/> records, without
    /// waiting for more: the pulling agent polls again on its timer, so blocking here would only stall its turn.
    /// </summary>
    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var consumer = _consumer ?? await StartAsync(_operationTimeout, cancellationToken);
        if (consumer is null || _stopped)
        {
            return [];
        }

        var batches = new List<IBatchContainer>();
        List<(ConsumeResult<byte[], byte[]> Record, string Error)>? malformed = null;
        try
        {
            // A negative count is Orleans' "no limit" (QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG).
            var limit = maxCount < 0 ? int.MaxValue : maxCount;
            for (var read = 0; read < limit; read++)
            {
                var record = consumer.Consume(TimeSpan.Zero);
                if (record is null)
                {
                    break;
                }

                _ledger.Track(record.Offset.Value, record);
                if (_decoder.TryDecode(record, out var batch, out var error))
                {
                    batches.Add(batch);
                }
                else
                {
                    (malformed ??= []).Add((record, error));
                }
            }
        }
        catch (ConsumeException ex)
        {
            _logger.ConsumeFailed(ex, _partition.Topic, _partition.Partition.Value);
        }

        if (malformed is not null)
        {
            // Orleans never sees these records, so nobody else would ever release them: park and release them here.
            foreach (var (record, error) in malformed)
            {
                _logger.MalformedRecord(record.Topic, record.Partition.Value, record.Offset.Value, error);
                KafkaRecordFormat.TryDecodeStreamId(record.Message.Key, out var streamId);
                await ParkAsync(record, streamId == default ? null : streamId, error, "unreadable", cancellationToken);
            }

            await CommitAsync(cancellationToken);
        }

        return batches;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>Releases the delivered records and commits the partition's contiguous watermark, if it moved.</summary>
    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message is KafkaBatchContainer container)
            {
                _ledger.MarkDelivered(container.KafkaToken.SequenceNumber);
            }
        }

        await CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Dead-letters the record at <paramref name="offset"/>, which Orleans gave up delivering, and releases it.
    /// </summary>
    /// <returns>False when the record is not in flight here (already delivered or parked) or parking it failed.</returns>
    public async Task<bool> DeadLetterUndeliveredAsync(StreamId streamId, long offset, string error)
    {
        if (!_ledger.TryGet(offset, out var record))
        {
            return false;
        }

        _logger.UndeliveredEvent(streamId, record.Topic, record.Partition.Value, offset, error);
        if (!await ParkAsync(record, streamId, error, "undelivered", CancellationToken.None))
        {
            return false;
        }

        await CommitAsync(CancellationToken.None);
        return true;
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <summary>Commits what was delivered and closes the consumer; whatever is still in flight is read again by the next owner.</summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stopped = true;
        _registry.Unregister(_queueId, this);
        await CommitAsync(cancellationToken);

        IConsumer<byte[], byte[]>? consumer;
        await _commitGate.WaitAsync(cancellationToken);
        try
        {
            consumer = _consumer;
            _consumer = null;
        }
        finally
        {
            _commitGate.Release();
        }

        if (consumer is not null)
        {
            _logger.ReceiverStopped(_partition.Topic, _partition.Partition.Value, CommittedOffset, _ledger.Count);
            // Close is a blocking broker round trip; a stuck broker must not hold the silo's shutdown past the timeout.
            await Task.Run(() =>
            {
                consumer.Close();
                consumer.Dispose();
            }, CancellationToken.None).WaitAsync(timeout, cancellationToken);
        }
    }

    private async Task<IConsumer<byte[], byte[]>?> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_stopped)
        {
            return null;
        }

        var consumer = new ConsumerBuilder<byte[], byte[]>(_consumerConfig)
            .SetErrorHandler((_, error) => _logger.ClientError(_partition.Topic, error.Reason))
            .SetLogHandler((_, log) =>
            {
                if (log.Level <= SyslogLevel.Warning)
                {
                    _logger.ClientError(_partition.Topic, log.Message);
                }
            })
            .Build();
        try
        {
            // Committed() blocks on the group coordinator: keep it off the pulling agent's scheduler thread.
            var committed = await Task.Run(() => consumer.Committed([_partition], timeout), cancellationToken);
            var offset = committed.Single().Offset;
            var start = offset.IsSpecial ? Offset.Beginning : offset;
            _committed = offset.IsSpecial ? -1 : offset.Value;
            _ledger = new InFlightLedger<ConsumeResult<byte[], byte[]>>(_committed);
            consumer.Assign(new TopicPartitionOffset(_partition, start));
            _consumer = consumer;
            _registry.Register(_queueId, this);
            _logger.ReceiverAssigned(_partition.Topic, _partition.Partition.Value, start);
            return consumer;
        }
        catch (Exception ex) when (ex is KafkaException or OperationCanceledException or TimeoutException)
        {
            _logger.ReceiverStartFailed(ex, _partition.Topic, _partition.Partition.Value);
            consumer.Dispose();
            return null;
        }
    }

    private async Task<bool> ParkAsync(ConsumeResult<byte[], byte[]> record, StreamId? streamId, string error, string reason, CancellationToken cancellationToken)
    {
        var offset = record.Offset.Value;
        lock (_parking)
        {
            if (!_parking.Add(offset))
            {
                return false;
            }
        }

        try
        {
            await _deadLetters.WriteAsync(record, streamId, error, cancellationToken);
            _deadLetters.Metrics?.DeadLettered(PartitionName, reason);
            return _ledger.MarkDelivered(offset);
        }
        catch (Exception ex) when (ex is KafkaException or OperationCanceledException)
        {
            // Left in flight: the watermark waits here and the record is read (and parked) again after a restart.
            _logger.DeadLetterFailed(ex, record.Topic, record.Partition.Value, offset);
            return false;
        }
        finally
        {
            lock (_parking)
            {
                _parking.Remove(offset);
            }
        }
    }

    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_ledger.Watermark <= CommittedOffset)
        {
            return;
        }

        await _commitGate.WaitAsync(cancellationToken);
        try
        {
            var watermark = _ledger.Watermark;
            var consumer = _consumer;
            if (consumer is null || watermark <= _committed)
            {
                return;
            }

            // Kafka's convention: the committed offset is the next record to read, i.e. the last delivered one + 1.
            await Task.Run(() => consumer.Commit([new TopicPartitionOffset(_partition, new Offset(watermark))]), CancellationToken.None);
            Interlocked.Exchange(ref _committed, watermark);
        }
        catch (KafkaException ex)
        {
            _logger.CommitFailed(ex, _partition.Topic, _partition.Partition.Value, _ledger.Watermark);
        }
        finally
        {
            _commitGate.Release();
        }
    }
}
