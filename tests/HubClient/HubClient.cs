using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.WebSockets;

namespace Playbound.HubClient;

/// <summary>
/// A SignalR client speaking the JSON hub protocol straight over a WebSocket (no negotiation, no reconnects), small
/// enough per connection for a load generator to hold thousands. Register handlers, then <see cref="ConnectAsync"/>.
/// </summary>
public sealed partial class HubClient : IAsyncDisposable
{
    // How long DisposeAsync waits for the server to answer the WebSocket close before aborting the socket.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly HubClientOptions _options;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<long, IPendingInvocation> _pending = new();
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private ImmutableArray<Registration> _handlers = [];
    private Exception? _closeReason;
    private Task? _receiveLoop;
    private Task? _pingLoop;
    private int _connectCalled;
    private int _disposed;

    /// <summary>Creates an unconnected client.</summary>
    public HubClient(HubClientOptions? options = null)
    {
        _options = options ?? new HubClientOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Timeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.PingInterval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ReceiveBufferSize, 256, nameof(options));
    }

    /// <summary>
    /// Completes with the reason once the connection has ended: a <see cref="HubConnectionClosedException"/>, or a
    /// <see cref="HubConnectionRefusedException"/> when the handshake failed.
    /// </summary>
    public Task<Exception> Closed => _closed.Task;

    /// <summary>
    /// Opens the WebSocket to <paramref name="hubUrl"/> (http(s) or ws(s), e.g. http://host/hubs/feed), passing
    /// <paramref name="accessToken"/> as the access_token query parameter, and completes the JSON handshake. Throws
    /// <see cref="HubConnectionRefusedException"/> when the server answers the upgrade with an HTTP error (e.g. 401)
    /// or fails the handshake.
    /// </summary>
    public async Task ConnectAsync(Uri hubUrl, string? accessToken = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _connectCalled, 1) == 1)
            throw new InvalidOperationException("A HubClient connects once; create another to reconnect.");

        // The status code is the only response detail wanted (to tell a 401 from a network error); ping frames
        // are left to SignalR's own pings, which the server needs anyway.
        _socket.Options.CollectHttpResponseDetails = true;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await _socket.ConnectAsync(WebSocketUrl(hubUrl, accessToken), cancellationToken);
        }
        catch (WebSocketException e) when (_socket.HttpStatusCode is not 0 and not HttpStatusCode.SwitchingProtocols)
        {
            throw new HubConnectionRefusedException(_socket.HttpStatusCode, e);
        }
        finally
        {
            _socket.HttpResponseHeaders = null; // not kept for the connection's lifetime: thousands of them add up
        }

        await SendAsync(HandshakeRequest, cancellationToken);
        _receiveLoop = ReceiveLoopAsync();
        _pingLoop = PingLoopAsync();
        try
        {
            await _handshake.Task.WaitAsync(_options.Timeout, cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls <paramref name="handler"/> with the single argument of every <paramref name="method"/> the server sends.</summary>
    /// <returns>Disposing it unregisters the handler.</returns>
    public IDisposable On<T>(string method, Action<T> handler) => On<T>(method, (payload, _) => handler(payload));

    /// <summary>
    /// As <see cref="On{T}(string, Action{T})"/>, also passing the <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>
    /// taken when the WebSocket receive that completed the message returned, for measuring push latency.
    /// </summary>
    /// <remarks>Handlers run on the receive loop: keep them short. One that throws ends the connection.</remarks>
    public IDisposable On<T>(string method, Action<T, long> handler)
    {
        var options = _options.SerializerOptions;
        return Register(method, (arguments, timestamp) => handler(HubMessage.FirstArgument<T>(arguments, options), timestamp), closed: null);
    }

    /// <summary>Queues the single argument of every <paramref name="method"/> the server sends, for a test to read.</summary>
    public HubSubscription<T> Subscribe<T>(string method)
    {
        var subscription = new HubSubscription<T>(method, _options);
        subscription.Registration = Register(method, subscription.Deliver, subscription.Close);
        return subscription;
    }

    /// <summary>
    /// Closes the WebSocket (waiting briefly for the server to acknowledge) and fails pending invocations and
    /// subscriptions with a <see cref="HubConnectionClosedException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        Terminate(new HubConnectionClosedException("The client closed the connection."));
        if (_receiveLoop is not null)
        {
            await CloseSocketAsync(_receiveLoop);
            await _pingLoop!;
        }

        _socket.Dispose();
        _stopping.Dispose();
    }

    internal void Unregister(Registration registration) =>
        ImmutableInterlocked.Update(ref _handlers, static (handlers, r) => handlers.Remove(r), registration);

    private Registration Register(string method, ArgumentsHandler handle, Action<Exception>? closed)
    {
        var registration = new Registration(this, method, handle, closed);
        ImmutableInterlocked.Update(ref _handlers, static (handlers, r) => handlers.Add(r), registration);
        // Terminate may have told the handlers just before this one was added.
        if (Volatile.Read(ref _closeReason) is { } reason)
            closed?.Invoke(reason);
        return registration;
    }

    /// <summary>Ends the connection once, with the first reason given: every waiter learns why.</summary>
    private void Terminate(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
            return;
        _stopping.Cancel();
        _handshake.TrySetException(reason);
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
                pending.Fail(reason);
        }

        foreach (var registration in _handlers)
            registration.Closed?.Invoke(reason);
        _closed.TrySetResult(reason);
    }

    private async Task CloseSocketAsync(Task receiveLoop)
    {
        using var deadline = new CancellationTokenSource(CloseTimeout);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _sendLock.WaitAsync(deadline.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            // The receive loop ends when the server's close frame arrives.
            await receiveLoop.WaitAsync(deadline.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The server is gone or too slow to answer; disposing the socket aborts it.
        }
    }

    private static Uri WebSocketUrl(Uri hubUrl, string? accessToken)
    {
        var url = new UriBuilder(hubUrl)
        {
            Scheme = hubUrl.Scheme switch
            {
                "http" or "ws" => "ws",
                "https" or "wss" => "wss",
                _ => throw new ArgumentException($"Expected an http(s) or ws(s) URL, got {hubUrl}.", nameof(hubUrl)),
            },
        };
        if (accessToken is not null)
        {
            var query = url.Query.TrimStart('?');
            url.Query = (query.Length == 0 ? "" : query + "&") + "access_token=" + Uri.EscapeDataString(accessToken);
        }

        return url.Uri;
    }
}
