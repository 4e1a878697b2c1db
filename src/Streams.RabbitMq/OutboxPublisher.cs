using Microsoft.Extensions.Logging;
using Npgsql;
using Playbound.Runtime.Storage;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// Moves outbox rows to the stream queues while this silo holds the <see cref="RelayLock"/>: reads a batch, publishes
/// each event to its partition and waits for the broker's confirms, then deletes the rows. A crash between confirm and
/// delete publishes those events again (at least once; consumers dedupe by event id). Events of one stream are
/// published one at a time, in outbox order; different streams go in parallel.
/// </summary>
internal sealed class OutboxPublisher(
    IOutboxStore[] stores,
    IReadOnlySet<string> namespaces,
    OutboxSignal signal,
    StreamPartitioner partitioner,
    NpgsqlDataSource database,
    RabbitMqStreamOptions options,
    ILogger logger)
{
    /// <summary>Relays until <paramref name="cancellationToken"/> (shutdown or the broker session lost) fires.</summary>
    public async Task RunAsync(StreamBrokerSession session, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var relayLock = new RelayLock(database, options.QueuePrefix);
            try
            {
                if (!await relayLock.TryAcquireAsync(cancellationToken).ConfigureAwait(false))
                {
                    await Task.Delay(options.ReconnectInterval, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                logger.RelayLeader(options.QueuePrefix);
                await RelayWhileHeldAsync(session, relayLock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.RelayFailed(exception, options.ReconnectInterval);
                await Task.Delay(options.ReconnectInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RelayWhileHeldAsync(StreamBrokerSession session, RelayLock relayLock, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var published = 0;
            foreach (var store in stores)
            {
                published += await RelayBatchAsync(session, store, cancellationToken).ConfigureAwait(false);
            }

            if (published < options.BatchSize)
            {
                await signal.WaitAsync(options.RelayPollInterval, cancellationToken).ConfigureAwait(false);
            }

            // A lock whose connection died is gone: another silo may relay now, so this one must stop.
            await relayLock.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> RelayBatchAsync(StreamBrokerSession session, IOutboxStore store, CancellationToken cancellationToken)
    {
        var batch = await store.ReadPendingAsync(options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        var streams = batch
            .Where(entry => KeepOrDrop(entry))
            .GroupBy(static entry => (entry.Event.Namespace, entry.Event.Key));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrentStreams, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(streams, parallel, async (stream, token) =>
        {
            var queue = partitioner.QueueName(partitioner.PartitionOf(stream.Key.Namespace, stream.Key.Key));
            foreach (var entry in stream)
            {
                await session.PublishAsync(queue, StreamMessage.Properties(entry), entry.Event.Payload, token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        await store.DeleteAsync([.. batch.Select(static e => e.Sequence)], cancellationToken).ConfigureAwait(false);
        return batch.Count;
    }

    // No queue exists for a namespace nobody subscribes to; such an event is dropped, as the in-process relay drops it.
    private bool KeepOrDrop(OutboxEntry entry)
    {
        if (namespaces.Contains(entry.Event.Namespace))
        {
            return true;
        }

        logger.NoSubscriber(entry.Event.EventId, entry.Event.Namespace);
        return false;
    }
}
