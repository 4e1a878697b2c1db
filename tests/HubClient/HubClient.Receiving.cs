using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;

namespace Playbound.HubClient;

public sealed partial class HubClient
{
    // One async loop per connection and no thread: it rents its buffer for the connection's lifetime, and whole
    // messages are parsed in place from it.
    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_options.ReceiveBufferSize);
        var framer = new RecordFramer();
        try
        {
            while (true)
            {
                ValueWebSocketReceiveResult received;
                try
                {
                    received = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                }
                catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
                {
                    Terminate(new HubConnectionClosedException("The connection was lost.", inner: e));
                    return;
                }

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await AnswerCloseAsync();
                    Terminate(new HubConnectionClosedException("The server closed the connection."));
                    return;
                }

                if (!TryDispatch(framer, buffer.AsSpan(0, received.Count), Stopwatch.GetTimestamp()))
                    return;
            }
        }
        finally
        {
            framer.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool TryDispatch(RecordFramer framer, ReadOnlySpan<byte> chunk, long receivedTimestamp)
    {
        try
        {
            while (framer.TryRead(ref chunk, out var json))
                Dispatch(HubMessage.Parse(json), receivedTimestamp);
            return true;
        }
        catch (Exception e)
        {
            // Malformed JSON, a payload of the wrong shape or a throwing handler: fail loudly rather than carry on
            // with a message silently dropped.
            Terminate(new HubConnectionClosedException("A received message could not be handled; the client dropped the connection.", inner: e));
            _socket.Abort();
            return false;
        }
    }

    private void Dispatch(in HubMessage message, long receivedTimestamp)
    {
        if (!_handshake.Task.IsCompleted)
        {
            if (message.Error is { } error)
                Terminate(new HubConnectionRefusedException(error));
            else
                _handshake.TrySetResult();
            return;
        }

        switch (message.Type)
        {
            case HubMessage.Invocation:
                foreach (var registration in _handlers)
                {
                    if (message.Target.SequenceEqual(registration.Method))
                        registration.Handle(message.Arguments, receivedTimestamp);
                }

                break;
            case HubMessage.Completion:
                if (_pending.TryRemove(message.InvocationId, out var pending))
                    pending.Complete(message);
                break;
            case HubMessage.Close:
                // The server closes the WebSocket next; the loop reads on until then to answer that close.
                Terminate(new HubConnectionClosedException("The server closed the connection.", message.Error));
                break;
            // Pings (and stream messages, which this client never asks for) need no answer: the client pings on its own schedule.
        }
    }

    private async Task AnswerCloseAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived)
            return; // we started the close (DisposeAsync), so this frame was the server's answer
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The server dropped the TCP connection right after its close frame; nothing is left to answer.
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
