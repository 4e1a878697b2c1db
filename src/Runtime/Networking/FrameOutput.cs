using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Pipelines;
using System.Text.Json;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Serialization;

namespace Playbound.Runtime.Networking;

/// <summary>
/// Writes frames into a connection's pipe. Owned by the connection's single write loop, so its scratch buffers are
/// reused without locks. A body is serialized before anything reaches the pipe: a value that fails to serialize
/// leaves no half-written frame behind.
/// </summary>
internal sealed class FrameOutput(PipeWriter pipe, GrainSerializer serializer)
{
    private const int MaxStringBytes = ushort.MaxValue;
    private readonly ArrayBufferWriter<byte> _body = new(1024);
    private readonly Utf8JsonWriter _json = new(Stream.Null);

    public void WriteRequest(long callId, int timeoutMs, GrainId target, GrainRequest request, ImmutableDictionary<string, string>? context)
    {
        var requestType = request.GetType();
        SerializeBody(request, requestType);
        var typeName = GrainProxyRegistry.RequestTypeName(requestType);
        var size = 1 + 8 + 4 + StringSize(target.Type) + StringSize(target.Key) + StringSize(typeName) + 2 + _body.WrittenCount;
        foreach (var (key, value) in context ?? ImmutableDictionary<string, string>.Empty)
        {
            size += StringSize(key) + StringSize(value);
        }

        var span = Begin(size, FrameProtocol.RequestKind, out var position);
        BinaryPrimitives.WriteInt64LittleEndian(span[position..], callId);
        BinaryPrimitives.WriteInt32LittleEndian(span[(position + 8)..], timeoutMs);
        position += 12;
        position = WriteString(span, position, target.Type);
        position = WriteString(span, position, target.Key);
        position = WriteString(span, position, typeName);
        BinaryPrimitives.WriteUInt16LittleEndian(span[position..], (ushort)(context?.Count ?? 0));
        position += 2;
        foreach (var (key, value) in context ?? ImmutableDictionary<string, string>.Empty)
        {
            position = WriteString(span, position, key);
            position = WriteString(span, position, value);
        }

        End(span, position, size);
    }

    public void WriteResponse(long callId, byte status, object? body, Type? bodyType)
    {
        _body.ResetWrittenCount();
        if (bodyType is not null)
        {
            SerializeBody(body, bodyType);
        }

        var size = 1 + 8 + 1 + _body.WrittenCount;
        var span = Begin(size, FrameProtocol.ResponseKind, out var position);
        BinaryPrimitives.WriteInt64LittleEndian(span[position..], callId);
        span[position + 8] = status;
        End(span, position + 9, size);
    }

    public void WriteException(long callId, Exception exception) =>
        WriteResponse(callId, FrameProtocol.StatusException, ExceptionCodec.Encode(exception), typeof(ExceptionInfo));

    private void SerializeBody(object? value, Type type)
    {
        _body.ResetWrittenCount();
        _json.Reset(_body);
        try
        {
            JsonSerializer.Serialize(_json, value, type, serializer.Options);
            _json.Flush();
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException or ArgumentException)
        {
            throw new GrainSerializationException($"Cannot serialize a value of type {type}: {ex.Message}", ex);
        }
    }

    private Span<byte> Begin(int size, byte kind, out int position)
    {
        var span = pipe.GetSpan(FrameProtocol.LengthSize + size);
        BinaryPrimitives.WriteInt32LittleEndian(span, size);
        span[FrameProtocol.LengthSize] = kind;
        position = FrameProtocol.LengthSize + 1;
        return span;
    }

    private void End(Span<byte> span, int position, int size)
    {
        _body.WrittenSpan.CopyTo(span[position..]);
        pipe.Advance(FrameProtocol.LengthSize + size);
    }

    private static int StringSize(string value)
    {
        var bytes = FrameProtocol.Utf8.GetByteCount(value);
        return bytes <= MaxStringBytes
            ? 2 + bytes
            : throw new GrainSerializationException($"A grain id or request context entry is longer than {MaxStringBytes} bytes.");
    }

    private static int WriteString(Span<byte> span, int position, string value)
    {
        var written = FrameProtocol.Utf8.GetBytes(value, span[(position + 2)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[position..], (ushort)written);
        return position + 2 + written;
    }
}
