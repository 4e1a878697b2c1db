using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Playbound.HubClient;

public sealed partial class HubClient
{
    private static readonly ReadOnlyMemory<byte> HandshakeRequest = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> PingMessage = "{\"type\":6}\u001e"u8.ToArray();

    // A WebSocket allows one send at a time, and pings, invocations and closes come from different callers.
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    // Reused under _sendLock for every invocation; allocated on the first one, so listen-only connections stay small.
    private ArrayBufferWriter<byte>? _sendBuffer;
    private Utf8JsonWriter? _json;
    private long _lastInvocationId;

    /// <summary>
    /// Invokes the hub method <paramref name="method"/> and returns its result. Throws <see cref="HubInvocationException"/>
    /// with the server's message when the method fails (e.g. a HubException or an unknown method),
    /// <see cref="TimeoutException"/> after <see cref="HubClientOptions.Timeout"/> without a completion, and
    /// <see cref="HubConnectionClosedException"/> when the connection ends first.
    /// </summary>
    public Task<T> InvokeAsync<T>(string method, params object?[] args) => InvokeCoreAsync<T>(method, args, CancellationToken.None);

    /// <inheritdoc cref="InvokeAsync{T}(string, object?[])"/>
    public Task<T> InvokeAsync<T>(string method, object?[] args, CancellationToken cancellationToken) =>
        InvokeCoreAsync<T>(method, args, cancellationToken);

    /// <summary>Invokes a hub method that returns nothing; throws as <see cref="InvokeAsync{T}(string, object?[])"/>.</summary>
    public Task InvokeAsync(string method, params object?[] args) => InvokeCoreAsync<object?>(method, args, CancellationToken.None);

    /// <inheritdoc cref="InvokeAsync(string, object?[])"/>
    public Task InvokeAsync(string method, object?[] args, CancellationToken cancellationToken) =>
        InvokeCoreAsync<object?>(method, args, cancellationToken);

    private async Task<T> InvokeCoreAsync<T>(string method, object?[] args, CancellationToken cancellationToken)
    {
        // With params, a token written after the arguments binds as one more argument instead of cancelling.
        if (args.Any(arg => arg is CancellationToken))
            throw new ArgumentException("Pass a CancellationToken as cancellationToken, with the arguments in an array.", nameof(args));

        var id = Interlocked.Increment(ref _lastInvocationId);
        var pending = new PendingInvocation<T>(method, _options.SerializerOptions);
        _pending[id] = pending;
        try
        {
            // Terminate may have failed the pending calls just before this one was added.
            if (Volatile.Read(ref _closeReason) is { } reason)
                pending.Fail(reason);
            else
                await SendInvocationAsync(id, method, args, cancellationToken);
            return await pending.Task.WaitAsync(_options.Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{method}' got no completion within {_options.Timeout}.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task SendInvocationAsync(long id, string method, object?[] args, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await SendLockedAsync(WriteInvocation(id, method, args), cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private ReadOnlyMemory<byte> WriteInvocation(long id, string method, object?[] args)
    {
        _sendBuffer ??= new ArrayBufferWriter<byte>();
        _sendBuffer.ResetWrittenCount();
        _json ??= new Utf8JsonWriter(_sendBuffer);
        _json.Reset(_sendBuffer);

        Span<byte> idText = stackalloc byte[20];
        id.TryFormat(idText, out var idLength);
        _json.WriteStartObject();
        _json.WriteNumber("type"u8, HubMessage.Invocation);
        _json.WriteString("invocationId"u8, idText[..idLength]);
        _json.WriteString("target"u8, method);
        _json.WriteStartArray("arguments"u8);
        foreach (var arg in args)
            JsonSerializer.Serialize(_json, arg, _options.SerializerOptions);
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        _sendBuffer.Write([RecordFramer.RecordSeparator]);
        return _sendBuffer.WrittenMemory;
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await SendLockedAsync(message, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendLockedAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            var lost = new HubConnectionClosedException("The connection was lost while sending.", inner: e);
            Terminate(lost);
            throw lost;
        }
    }

    // SignalR servers may close a connection they have heard nothing from for their client timeout (30 s by
    // default), and a benchmark's listeners may never invoke anything.
    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
                await SendAsync(PingMessage, _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HubConnectionClosedException)
        {
            // The connection ended; Terminate has already told everyone why.
        }
    }
}
