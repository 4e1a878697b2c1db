using System.Diagnostics.Metrics;
using Orleans.Streams;

namespace Playbound.Streaming.Sqlite;

/// <summary>
/// The SQLite stream provider's instruments on meter <see cref="MeterName"/>: the backlog of each queue, read from the
/// queue table when a metrics reader collects (at most once a second), and the events parked in the dead letters.
/// </summary>
internal sealed class SqliteStreamMetrics
{
    /// <summary>The meter, shared with the Kafka provider: the instruments and their tags are the same.</summary>
    public const string MeterName = "Playbound.Streaming";

    /// <summary>Events published and not yet delivered, per queue (observable gauge).</summary>
    public const string LagName = "playbound.stream.lag";

    /// <summary>Age in seconds of a queue's oldest undelivered event (observable gauge; SQLite only).</summary>
    public const string OldestAgeName = "playbound.stream.oldest_age";

    /// <summary>Events moved to the dead letters (counter), by provider and reason.</summary>
    public const string DeadLetteredName = "playbound.stream.dead_lettered";

    private const string Provider = "sqlite";
    private static readonly TimeSpan SnapshotLifetime = TimeSpan.FromSeconds(1);

    private readonly SqliteQueueStore _store;
    private readonly IReadOnlyList<QueueId> _queues;
    private readonly TimeProvider _time;
    private readonly Counter<long> _deadLettered;
    private readonly Lock _snapshotLock = new();
    private (DateTimeOffset At, IReadOnlyDictionary<string, QueueBacklog> Backlog)? _snapshot;

    public SqliteStreamMetrics(IMeterFactory meterFactory, SqliteQueueStore store, IEnumerable<QueueId> queues, TimeProvider time)
    {
        _store = store;
        _queues = [.. queues];
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _deadLettered = meter.CreateCounter<long>(
            DeadLetteredName, "{event}", "Events the stream provider gave up on and parked in its dead letters, by provider and reason.");
        meter.CreateObservableGauge(
            LagName, () => Observe(static b => b.Pending), "{event}", "Events published and not yet delivered, per stream queue.");
        meter.CreateObservableGauge(
            OldestAgeName, () => Observe(b => b.OldestEnqueuedAtMs is { } at ? Math.Max(0, (_time.GetUtcNow().ToUnixTimeMilliseconds() - at) / 1000.0) : 0.0),
            "s", "Age of the oldest undelivered event, per stream queue (0 when the queue is empty).");
    }

    /// <summary>Counts one event parked for <paramref name="reason"/> (<c>undelivered</c> or <c>unreadable</c>).</summary>
    public void DeadLettered(QueueId queueId, string reason) =>
        _deadLettered.Add(1, new("provider", Provider), new("queue", queueId.ToString()), new("reason", reason));

    private IEnumerable<Measurement<T>> Observe<T>(Func<QueueBacklog, T> value)
        where T : struct
    {
        var backlog = Snapshot();
        if (backlog is null)
        {
            yield break;
        }

        foreach (var queue in _queues)
        {
            var name = queue.ToString();
            yield return new(value(backlog.GetValueOrDefault(name)), new("provider", Provider), new("queue", name));
        }
    }

    private IReadOnlyDictionary<string, QueueBacklog>? Snapshot()
    {
        lock (_snapshotLock)
        {
            var now = _time.GetUtcNow();
            if (_snapshot is { } cached && now - cached.At < SnapshotLifetime)
            {
                return cached.Backlog;
            }

            try
            {
                // Microsoft.Data.Sqlite runs its async methods synchronously: this blocks only for the query itself.
                var backlog = _store.ReadBacklogAsync().GetAwaiter().GetResult();
                _snapshot = (now, backlog);
                return backlog;
            }
            catch (Exception)
            {
                // A store not opened yet or already closed has no backlog to report; the next collection tries again.
                return null;
            }
        }
    }
}

/// <summary>A queue's undelivered rows and when the oldest of them was enqueued (Unix milliseconds).</summary>
internal readonly record struct QueueBacklog(long Pending, long? OldestEnqueuedAtMs);
