using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace Playbound.Api.Tests.Realtime;

/// <summary>
/// Queues the payloads of one server-to-client method of a <see cref="HubConnection"/> (the official client) for a
/// test to read in order; created by <see cref="PushQueueExtensions.Subscribe{T}"/>. When the connection closes, a
/// read fails with the reason instead of waiting out its deadline.
/// </summary>
public sealed class PushQueue<T> : IDisposable
{
    /// <summary>How long <see cref="ReadAsync"/> waits for the next payload.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly Channel<T> _received = Channel.CreateUnbounded<T>();
    private readonly HubConnection _connection;
    private readonly string _method;
    private readonly IDisposable _handler;

    internal PushQueue(HubConnection connection, string method)
    {
        _connection = connection;
        _method = method;
        _handler = connection.On<T>(method, payload => _received.Writer.TryWrite(payload));
        connection.Closed += OnClosedAsync;
    }

    /// <summary>The next payload; throws <see cref="TimeoutException"/> when none arrives within <see cref="Deadline"/>.</summary>
    public async Task<T> ReadAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            // WaitToReadAsync (unlike ReadAsync) rethrows the close reason itself rather than a ChannelClosedException.
            while (await _received.Reader.WaitToReadAsync(deadline.Token))
            {
                if (_received.Reader.TryRead(out var payload))
                {
                    return payload;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{_method}' message arrived within {Deadline}.");
        }

        throw new InvalidOperationException($"The connection closed before a '{_method}' message arrived.");
    }

    /// <summary>Waits out <paramref name="grace"/> and fails if a payload arrives meanwhile (or was already queued).</summary>
    public async Task ExpectNothingAsync(TimeSpan grace)
    {
        using var deadline = new CancellationTokenSource(grace);
        try
        {
            if (await _received.Reader.WaitToReadAsync(deadline.Token) && _received.Reader.TryPeek(out var payload))
            {
                Assert.Fail($"Expected no '{_method}' message within {grace}, but got {JsonSerializer.Serialize(payload)}.");
            }
        }
        catch (OperationCanceledException)
        {
            // The grace period passed without a message: what the caller expects.
        }
    }

    /// <summary>Stops queueing; payloads already queued can still be read.</summary>
    public void Dispose()
    {
        _handler.Dispose();
        _connection.Closed -= OnClosedAsync;
        _received.Writer.TryComplete();
    }

    private Task OnClosedAsync(Exception? reason)
    {
        _received.Writer.TryComplete(reason ?? new InvalidOperationException($"The connection closed before a '{_method}' message arrived."));
        return Task.CompletedTask;
    }
}

/// <summary>Subscribing a test to a hub method's pushes.</summary>
public static class PushQueueExtensions
{
    /// <summary>Queues the single argument of every <paramref name="method"/> the server sends.</summary>
    public static PushQueue<T> Subscribe<T>(this HubConnection connection, string method) => new(connection, method);
}
