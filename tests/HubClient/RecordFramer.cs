using System.Buffers;

namespace Playbound.HubClient;

/// <summary>
/// Splits received bytes into SignalR messages, each ended by the record separator 0x1E. A WebSocket frame may
/// hold several messages and a message may span frames, so bytes after the last separator are carried over.
/// </summary>
internal sealed class RecordFramer : IDisposable
{
    internal const byte RecordSeparator = 0x1E;

    // Only a message split over receives is copied; whole messages are handed out as slices of the received chunk.
    private byte[] _carry = [];
    private int _carryLength;
    private bool _carryHandedOut;

    /// <summary>
    /// Takes the next complete message from <paramref name="chunk"/> (advancing it past the separator) or, when the
    /// chunk holds no separator, keeps its bytes for the next call and returns false. The message (without its
    /// separator) is valid until the next call.
    /// </summary>
    public bool TryRead(ref ReadOnlySpan<byte> chunk, out ReadOnlySpan<byte> message)
    {
        if (_carryHandedOut)
        {
            _carryLength = 0;
            _carryHandedOut = false;
        }

        var end = chunk.IndexOf(RecordSeparator);
        if (end < 0)
        {
            Append(chunk);
            chunk = [];
            message = default;
            return false;
        }

        if (_carryLength == 0)
        {
            message = chunk[..end];
        }
        else
        {
            Append(chunk[..end]);
            message = _carry.AsSpan(0, _carryLength);
            _carryHandedOut = true;
        }

        chunk = chunk[(end + 1)..];
        return true;
    }

    public void Dispose()
    {
        if (_carry.Length > 0)
            ArrayPool<byte>.Shared.Return(_carry);
        _carry = [];
        _carryLength = 0;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        if (_carryLength + bytes.Length > _carry.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_carryLength + bytes.Length, _carry.Length * 2));
            _carry.AsSpan(0, _carryLength).CopyTo(grown);
            if (_carry.Length > 0)
                ArrayPool<byte>.Shared.Return(_carry);
            _carry = grown;
        }

        bytes.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength += bytes.Length;
    }
}
