using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Streams;

/// <summary>
/// Delivers outbox events to implicit subscribers and then deletes them. Events of one stream go one at a time in
/// outbox order; a failing event holds back only its own stream, which is retried with exponential backoff.
/// A crash between delivery and delete redelivers the event: at least once, and consumers dedupe by event id.
/// </summary>
internal sealed class OutboxRelay(
    IEnumerable<IOutboxStore> stores,
    StreamEventDispatcher dispatcher,
    OutboxSignal signal,
    IOptions<StreamOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly StreamOptions _options = options.Value;
    private readonly IOutboxStore[] _stores = [.. stores.Distinct()];
    private readonly Dictionary<StreamId, RetryState> _retries = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var hasMore = false;
                foreach (var store in _stores)
                {
                    hasMore |= await RelayBatchAsync(store, stoppingToken).ConfigureAwait(false);
                }

                failures = 0;
                if (!hasMore)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var delay = Backoff(++failures);
                logger.RelayFailed(ex, delay);
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Delivers one batch; returns whether a full batch was delivered, so more may be waiting.</summary>
    private async Task<bool> RelayBatchAsync(IOutboxStore store, CancellationToken cancellationToken)
    {
        var batch = await store.ReadPendingAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var streams = batch
            .GroupBy(static e => new StreamId(e.Event.Namespace, e.Event.Key))
            .Where(g => !_retries.TryGetValue(g.Key, out var retry) || retry.NotBefore <= now)
            .ToArray();
        var delivered = new List<long>(batch.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentStreams, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(streams, parallel, async (stream, _) =>
        {
            var done = await DeliverStreamAsync(stream.Key, stream).ConfigureAwait(false);
            lock (delivered)
            {
                delivered.AddRange(done);
            }
        }).ConfigureAwait(false);

        if (delivered.Count > 0)
        {
            await store.DeleteAsync(delivered, cancellationToken).ConfigureAwait(false);
        }

        return delivered.Count == batch.Count && batch.Count == _options.BatchSize;
    }

    private async Task<List<long>> DeliverStreamAsync(StreamId streamId, IEnumerable<OutboxEntry> entries)
    {
        var delivered = new List<long>();
        foreach (var entry in entries)
        {
            try
            {
                await dispatcher.DispatchAsync(entry).ConfigureAwait(false);
                delivered.Add(entry.Sequence);
            }
            catch (Exception ex)
            {
                var delay = RecordFailure(streamId);
                logger.DeliveryFailed(ex, entry.Event.EventId, streamId.ToString(), delay);
                return delivered;
            }
        }

        lock (_retries)
        {
            _retries.Remove(streamId);
        }

        return delivered;
    }

    private TimeSpan RecordFailure(StreamId streamId)
    {
        lock (_retries)
        {
            var attempts = _retries.TryGetValue(streamId, out var retry) ? retry.Attempts + 1 : 1;
            var delay = Backoff(attempts);
            _retries[streamId] = new RetryState(attempts, timeProvider.GetUtcNow() + delay);
            return delay;
        }
    }

    private TimeSpan Backoff(int attempts) => RetryBackoff.Exponential(_options.RetryBaseDelay, attempts, _options.RetryMaxDelay);

    private readonly record struct RetryState(int Attempts, DateTimeOffset NotBefore);
}
