using System.Text.Json;
using System.Threading.Channels;

namespace Playbound.HubClient;

/// <summary>
/// Queues the payloads of one server-to-client method for a test to read in order. Created by
/// <see cref="HubClient.Subscribe{T}"/>; disposing it stops the queueing.
/// </summary>
public sealed class HubSubscription<T> : IDisposable
{
    private readonly Channel<T> _received = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly string _method;
    private readonly HubClientOptions _options;

    internal HubSubscription(string method, HubClientOptions options)
    {
        _method = method;
        _options = options;
    }

    internal IDisposable? Registration { get; set; }

    /// <summary>
    /// The next payload. Throws <see cref="TimeoutException"/> when none arrives within <paramref name="timeout"/>
    /// (default <see cref="HubClientOptions.Timeout"/>), and the close reason when the connection ends first.
    /// </summary>
    public async Task<T> ReadAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var within = timeout ?? _options.Timeout;
        using var deadline = Deadline(within, cancellationToken);
        try
        {
            // WaitToReadAsync (unlike ReadAsync) rethrows the close reason itself rather than a ChannelClosedException.
            while (await _received.Reader.WaitToReadAsync(deadline.Token))
            {
                if (_received.Reader.TryRead(out var payload))
                    return payload;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No '{_method}' message arrived within {within}.");
        }

        throw new ObjectDisposedException(GetType().Name);
    }

    /// <summary>
    /// Waits out <paramref name="grace"/> and throws <see cref="InvalidOperationException"/> if a payload arrives
    /// meanwhile (or was already queued), and the close reason if the connection ends.
    /// </summary>
    public async Task ExpectNothingAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        using var deadline = Deadline(grace, cancellationToken);
        try
        {
            if (await _received.Reader.WaitToReadAsync(deadline.Token) && _received.Reader.TryPeek(out var payload))
            {
                var json = JsonSerializer.Serialize(payload, _options.SerializerOptions);
                throw new InvalidOperationException($"Expected no '{_method}' message within {grace}, but got {json}.");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The grace period passed without a message: what the caller expects.
        }
    }

    /// <summary>Stops queueing; payloads already queued can still be read.</summary>
    public void Dispose()
    {
        Registration?.Dispose();
        _received.Writer.TryComplete();
    }

    internal void Deliver(ReadOnlySpan<byte> arguments, long receivedTimestamp) =>
        _received.Writer.TryWrite(HubMessage.FirstArgument<T>(arguments, _options.SerializerOptions));

    internal void Close(Exception reason) => _received.Writer.TryComplete(reason);

    private static CancellationTokenSource Deadline(TimeSpan after, CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(after);
        return deadline;
    }
}
