namespace Playbound.Streaming.Kafka;

/// <summary>
/// The records of one partition that were read but are not yet safe to commit. Orleans reports deliveries out of
/// order (its cache purges per bucket, failed events are handled by the failure handler later), while Kafka keeps one
/// offset per partition: the ledger turns deliveries into the contiguous watermark, the offset after the last record
/// such that it and every record before it were delivered. Thread-safe.
/// </summary>
/// <typeparam name="T">What is kept per record until it is released (the raw record, for dead-lettering).</typeparam>
internal sealed class InFlightLedger<T>
{
    private readonly object _lock = new();
    private readonly SortedDictionary<long, Entry> _entries = new();
    private long _watermark;

    /// <summary>Starts at <paramref name="watermark"/>, the offset reading begins at (-1 when unknown yet).</summary>
    public InFlightLedger(long watermark) => _watermark = watermark;

    /// <summary>The offset to commit: every record below it was delivered (Kafka's offset+1 convention). -1 when nothing is known.</summary>
    public long Watermark
    {
        get
        {
            lock (_lock)
            {
                return _watermark;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records that <paramref name="offset"/> was read and must be delivered before the watermark passes it.</summary>
    public void Track(long offset, T item)
    {
        lock (_lock)
        {
            // Offsets may skip (compaction, transaction markers): only the read records hold the watermark back.
            _entries[offset] = new Entry(item);
        }
    }

    /// <summary>The item read at <paramref name="offset"/> if it is still in flight.</summary>
    public bool TryGet(long offset, out T item)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(offset, out var entry) && !entry.Delivered)
            {
                item = entry.Item;
                return true;
            }

            item = default!;
            return false;
        }
    }

    /// <summary>Marks <paramref name="offset"/> delivered and moves the watermark over every delivered record at the front.</summary>
    /// <returns>False when the offset was not in flight (already released, or never read here).</returns>
    public bool MarkDelivered(long offset)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(offset, out var entry) || entry.Delivered)
            {
                return false;
            }

            entry.Delivered = true;
            while (_entries.Count > 0)
            {
                var (first, head) = _entries.First();
                if (!head.Delivered)
                {
                    break;
                }

                _entries.Remove(first);
                _watermark = first + 1;
            }

            return true;
        }
    }

    private sealed class Entry(T item)
    {
        public T Item { get; } = item;

        public bool Delivered { get; set; }
    }
}
