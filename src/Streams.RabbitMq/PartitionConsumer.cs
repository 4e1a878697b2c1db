using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Streams;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// Consumes one partition's stream queue on its own channel, from just after its checkpoint: takes what has arrived
/// (up to a batch), delivers it (streams in parallel, each stream's events in order), acknowledges, then
/// checkpoints the batch's last offset. An event whose delivery keeps throwing is retried after 1 s, 2 s, 4 s (by
/// default) and then parked in the dead-letter queue with its error, so one poison event cannot stall its partition;
/// a failure that is the cluster's, not the event's (<see cref="DeliveryFailure"/>), is retried until it passes.
/// Stopping between batches loses nothing: what was not checkpointed is delivered again by the next owner.
/// </summary>
internal sealed class PartitionConsumer(
    StreamPartition partition,
    StreamPartitioner partitioner,
    StreamCheckpoints checkpoints,
    StreamEventDispatcher dispatcher,
    RabbitMqStreamOptions options,
    TimeProvider timeProvider,
    ILogger logger)
{
    private readonly string _queue = partitioner.QueueName(partition);

    public StreamPartition Partition => partition;

    public async Task RunAsync(StreamBrokerSession session, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.ReadAsync(_queue, cancellationToken).ConfigureAwait(false);
        var next = checkpoint + 1 ?? 0;
        await using var channel = await session.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var arrivals = Channel.CreateUnbounded<Arrival>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            // Read here: the client reuses the body's memory once this returns.
            arrivals.Writer.TryWrite(Read(delivery));
            return Task.CompletedTask;
        };
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            arrivals.Writer.TryComplete(new IOException($"The channel of partition {partition} closed: {reason.ReplyText}"));
            return Task.CompletedTask;
        };
        await channel.BasicQosAsync(0, (ushort)options.Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?> { ["x-stream-offset"] = next };
        await channel.BasicConsumeAsync(_queue, autoAck: false, "", noLocal: false, exclusive: false, arguments, consumer, cancellationToken)
            .ConfigureAwait(false);
        logger.PartitionConsuming(partition.ToString(), next);

        var batch = new List<Arrival>(options.BatchSize);
        while (await arrivals.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < options.BatchSize && arrivals.Reader.TryRead(out var delivery))
            {
                batch.Add(delivery);
            }

            var last = await DeliverBatchAsync(session, batch, next, cancellationToken).ConfigureAwait(false);
            await channel.BasicAckAsync(batch[^1].DeliveryTag, multiple: true, cancellationToken).ConfigureAwait(false);
            if (last >= next)
            {
                await checkpoints.WriteAsync(_queue, last, cancellationToken).ConfigureAwait(false);
                next = last + 1;
            }
        }
    }

    /// <summary>Delivers the batch's events from offset <paramref name="from"/> on; returns the highest offset seen.</summary>
    private async Task<long> DeliverBatchAsync(
        StreamBrokerSession session, List<Arrival> batch, long from, CancellationToken cancellationToken)
    {
        var last = from - 1;
        var events = new List<(OutboxEntry Entry, long Offset)>(batch.Count);
        // A stream consumer may start at the beginning of the chunk that holds the requested offset.
        foreach (var arrival in batch.Where(a => a.Offset >= from))
        {
            last = Math.Max(last, arrival.Offset);
            if (arrival.Entry is { } entry)
            {
                events.Add((entry, arrival.Offset));
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentStreams, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(events.GroupBy(static e => e.Entry.Event.Key), parallel, async (stream, token) =>
        {
            foreach (var (entry, offset) in stream)
            {
                await DeliverAsync(session, entry, offset, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return last;
    }

    private async Task DeliverAsync(StreamBrokerSession session, OutboxEntry entry, long offset, CancellationToken cancellationToken)
    {
        var failures = 0;
        var outages = 0;
        while (true)
        {
            try
            {
                await dispatcher.DispatchAsync(entry).ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                TimeSpan delay;
                if (DeliveryFailure.IsTransient(exception))
                {
                    // An outage, not the event: wait it out without counting toward the poison limit.
                    delay = RetryBackoff.Exponential(options.PoisonRetryBaseDelay, ++outages, options.ReconnectInterval);
                    logger.DeliveryInterrupted(exception, entry.Event.EventId, partition.ToString(), delay);
                }
                else if (++failures > options.PoisonRetries)
                {
                    await DeadLetterAsync(session, entry, offset, failures, exception, cancellationToken).ConfigureAwait(false);
                    return;
                }
                else
                {
                    delay = RetryBackoff.Exponential(options.PoisonRetryBaseDelay, failures, TimeSpan.MaxValue);
                    logger.DeliveryFailed(exception, entry.Event.EventId, partition.ToString(), failures, delay);
                }

                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private Arrival Read(BasicDeliverEventArgs delivery)
    {
        try
        {
            var (entry, offset) = StreamMessage.Read(delivery);
            return new Arrival(delivery.DeliveryTag, entry, offset);
        }
        catch (FormatException exception)
        {
            // Not written by a relay (someone else published to the queue): nothing to deliver, skipped with its offset.
            logger.MalformedMessage(exception, partition.ToString());
            return new Arrival(delivery.DeliveryTag, null, StreamMessage.OffsetOf(delivery));
        }
    }

    private async Task DeadLetterAsync(
        StreamBrokerSession session, OutboxEntry entry, long offset, int attempts, Exception error, CancellationToken cancellationToken)
    {
        var properties = StreamMessage.DeadLetter(entry, partition, offset, attempts, error);
        await session.PublishAsync(partitioner.DeadLetterQueue, properties, entry.Event.Payload, cancellationToken).ConfigureAwait(false);
        logger.DeadLettered(error, entry.Event.EventId, partition.ToString(), offset, attempts);
    }

    /// <summary>A received message: its delivery tag, the event (null when malformed) and its offset in the stream.</summary>
    private readonly record struct Arrival(ulong DeliveryTag, OutboxEntry? Entry, long Offset);
}
