namespace Playbound.Runtime.Storage;

/// <summary>
/// Wakes the stream relay when a storage provider commits outbox events, so delivery does not wait for the
/// relay's poll interval. Lossy by design: the relay also polls, so a missed signal only delays delivery.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Signals that events were committed.</summary>
    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer signalled first; one pending wake-up is enough.
            }
        }
    }

    /// <summary>Waits for a signal or until <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
