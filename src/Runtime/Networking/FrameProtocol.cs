using System.Buffers;
using System.Collections.Immutable;
using System.Text;

namespace Playbound.Runtime.Networking;

/// <summary>
/// The wire format. Every frame is <c>[int32 length][byte kind][payload]</c>, little-endian, length counting kind and
/// payload. Strings are <c>[uint16 byte count][UTF-8]</c>.
/// <list type="bullet">
/// <item>Request (kind 1): <c>int64 callId, int32 timeoutMs, str grainType, str grainKey, str requestType,
/// uint16 contextCount, (str key, str value)*, JSON request</c>.</item>
/// <item>Response (kind 2): <c>int64 callId, byte status, body</c>: status 0 = JSON result, 1 = JSON
/// <see cref="Serialization.ExceptionInfo"/>, 2 = not owner (empty body).</item>
/// </list>
/// </summary>
internal static class FrameProtocol
{
    public const int LengthSize = 4;
    public const byte RequestKind = 1;
    public const byte ResponseKind = 2;
    public const byte StatusOk = 0;
    public const byte StatusException = 1;
    public const byte StatusNotOwner = 2;

    /// <summary>Cuts the next whole frame (kind and payload) off <paramref name="buffer"/>, if it holds one.</summary>
    /// <exception cref="InvalidFrameException">The length prefix is impossible or above <paramref name="maxFrameSize"/>.</exception>
    public static bool TryCut(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadLittleEndian(out int length))
        {
            return false;
        }

        if (length < 1 || length > maxFrameSize)
        {
            throw new InvalidFrameException($"Frame length {length} is outside 1..{maxFrameSize}.");
        }

        if (reader.Remaining < length)
        {
            return false;
        }

        frame = buffer.Slice(LengthSize, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    public static byte ReadByte(ref SequenceReader<byte> reader) =>
        reader.TryRead(out var value) ? value : throw Truncated();

    public static int ReadInt32(ref SequenceReader<byte> reader) =>
        reader.TryReadLittleEndian(out int value) ? value : throw Truncated();

    public static long ReadInt64(ref SequenceReader<byte> reader) =>
        reader.TryReadLittleEndian(out long value) ? value : throw Truncated();

    public static string ReadString(ref SequenceReader<byte> reader)
    {
        if (!reader.TryReadLittleEndian(out short signedLength))
        {
            throw Truncated();
        }

        var length = (ushort)signedLength;
        if (reader.Remaining < length)
        {
            throw Truncated();
        }

        var bytes = reader.UnreadSequence.Slice(0, length);
        reader.Advance(length);
        try
        {
            return bytes.IsSingleSegment ? Utf8.GetString(bytes.FirstSpan) : Utf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidFrameException("A frame string is not valid UTF-8.");
        }
    }

    public static ImmutableDictionary<string, string>? ReadContext(ref SequenceReader<byte> reader)
    {
        var count = (ushort)ReadInt16(ref reader);
        if (count == 0)
        {
            return null;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>();
        for (var i = 0; i < count; i++)
        {
            var key = ReadString(ref reader);
            builder[key] = ReadString(ref reader);
        }

        return builder.ToImmutable();
    }

    /// <summary>Strict UTF-8: a peer's malformed bytes are an invalid frame, not silently replaced.</summary>
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static short ReadInt16(ref SequenceReader<byte> reader) =>
        reader.TryReadLittleEndian(out short value) ? value : throw Truncated();

    private static InvalidFrameException Truncated() => new("A frame ended before its fields did.");
}
