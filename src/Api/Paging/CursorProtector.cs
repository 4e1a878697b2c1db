using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Playbound.Api.Auth;

namespace Playbound.Api.Paging;

/// <summary>
/// Makes the grains' raw paging positions opaque and unforgeable: a cursor is base64url(tag, version, list kind, raw
/// position), where the tag is an HMAC-SHA256 (truncated to 128 bits) over the rest and over the list's scope (whose
/// feed, whose followers, which post). A cursor the server did not issue, or issued for another list, fails the
/// tag check and is a 400, so a grain never parses a position a client made up.
/// </summary>
public sealed class CursorProtector(TokenKeys keys)
{
    /// <summary>The longest cursor accepted; longer input is refused before any decoding.</summary>
    public const int MaxCursorLength = 2048;

    private const int TagBytes = 16;
    private const byte Version = 1;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _key = keys.CursorKey;

    /// <summary>The opaque cursor for a raw position of list (<paramref name="kind"/>, <paramref name="scope"/>); null stays null.</summary>
    public string? Protect(ListKind kind, string scope, string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var body = new byte[2 + StrictUtf8.GetByteCount(raw)];
        body[0] = Version;
        body[1] = (byte)kind;
        StrictUtf8.GetBytes(raw, body.AsSpan(2));
        return Base64Url.EncodeToString([.. Tag(body, scope), .. body]);
    }

    /// <summary>The raw position inside <paramref name="cursor"/>, or false when it was not issued for this list.</summary>
    public bool TryUnprotect(ListKind kind, string scope, string cursor, out string raw)
    {
        raw = "";
        if (cursor.Length is 0 or > MaxCursorLength || !Base64Url.IsValid(cursor, out var length) || length < TagBytes + 2)
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(cursor);
        var body = bytes.AsSpan(TagBytes);
        if (body[0] != Version || body[1] != (byte)kind || !CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, TagBytes), Tag(body, scope)))
        {
            return false;
        }

        try
        {
            raw = StrictUtf8.GetString(body[2..]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private byte[] Tag(ReadOnlySpan<byte> body, string scope)
    {
        // The scope is authenticated but not carried: a cursor of Alice's followers cannot page Bob's.
        var scopeBytes = Encoding.UTF8.GetBytes(scope);
        var input = new byte[body.Length + 1 + scopeBytes.Length];
        body.CopyTo(input);
        scopeBytes.CopyTo(input, body.Length + 1);
        return HMACSHA256.HashData(_key, input)[..TagBytes];
    }
}
