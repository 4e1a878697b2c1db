using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>
/// One TCP connection carrying length-prefixed frames: a read loop hands each whole frame to the subclass, and a
/// single write loop drains a queue of outgoing frames, flushing once per batch so concurrent calls share syscalls.
/// Any I/O error or invalid frame closes the connection (and only it).
/// </summary>
internal abstract class FrameConnection
{
    // Bounds how long a busy queue can delay a flush: after this many frames the batch goes out.
    private const int MaxFramesPerFlush = 512;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly FrameOutput _output;
    private readonly Channel<IOutgoingFrame> _outgoing =
        Channel.CreateUnbounded<IOutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxFrameSize;
    private int _closed;

    protected FrameConnection(Socket socket, GrainSerializer serializer, int maxFrameSize, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream);
        _writer = PipeWriter.Create(_stream);
        _output = new FrameOutput(_writer, serializer);
        _maxFrameSize = maxFrameSize;
        Serializer = serializer;
        Logger = logger;
        Remote = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    /// <summary>The peer's endpoint, for logs.</summary>
    public string Remote { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    protected GrainSerializer Serializer { get; }

    protected ILogger Logger { get; }

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a frame; false once the connection is closed.</summary>
    public bool Enqueue(IOutgoingFrame frame) => _outgoing.Writer.TryWrite(frame);

    /// <summary>Closes the connection once: stops both loops and fails every queued frame.</summary>
    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        _socket.Dispose();
        // The subclass settles its calls first (a client fails them as "silo unavailable", which callers retry); the
        // raw reason only reaches frames it does not track.
        var error = reason ?? new IOException("The connection was closed.");
        OnClosed(error);
        while (_outgoing.Reader.TryRead(out var frame))
        {
            frame.Fail(error);
        }
    }

    /// <summary>Handles one whole frame: <paramref name="kind"/>, then its payload.</summary>
    protected abstract void OnFrame(byte kind, ReadOnlySequence<byte> payload);

    /// <summary>Called once when the connection closes, before queued frames fail.</summary>
    protected abstract void OnClosed(Exception reason);

    private async Task ReadLoopAsync()
    {
        Exception? reason = null;
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (FrameProtocol.TryCut(ref buffer, _maxFrameSize, out var frame))
                {
                    OnFrame(frame.FirstSpan[0], frame.Slice(1));
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (InvalidFrameException ex)
        {
            NetworkingLog.InvalidFrame(Logger, Remote, ex.Message);
            reason = ex;
        }
        catch (Exception ex)
        {
            // I/O errors end up here, and so must anything else: a peer must never be able to crash the silo.
            reason = ex;
        }

        await _reader.CompleteAsync().ConfigureAwait(false);
        Close(reason);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                for (var count = 0; count < MaxFramesPerFlush && reader.TryRead(out var frame); count++)
                {
                    WriteOne(frame);
                }

                var flush = await _writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Close(ex);
        }
    }

    // A frame whose body does not serialize fails alone; the connection and the frames around it carry on.
    private void WriteOne(IOutgoingFrame frame)
    {
        try
        {
            frame.Write(_output);
        }
        catch (GrainSerializationException ex)
        {
            frame.Fail(ex);
        }
    }
}
