using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Playbound.Api.Auth;

/// <summary>
/// A refresh token, <c>{sessionId}.{secret}</c>: the session names the <c>ISessionGrain</c>, the secret is 32 random
/// bytes. Only the secret's SHA-256 is stored, so a leaked database cannot mint tokens.
/// </summary>
/// <param name="SessionId">The session (22 base64url characters).</param>
/// <param name="Secret">The current secret (43 base64url characters).</param>
public readonly record struct RefreshToken(string SessionId, string Secret)
{
    private const int SessionIdBytes = 16;
    private const int SecretBytes = 32;
    private static readonly int SessionIdLength = Base64Url.GetEncodedLength(SessionIdBytes);
    private static readonly int SecretLength = Base64Url.GetEncodedLength(SecretBytes);

    /// <summary>The SHA-256 of the secret, base64url: what the session grain keeps and compares.</summary>
    public string SecretHash => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(Secret)));

    /// <summary>A token for a new session.</summary>
    public static RefreshToken NewSession() =>
        new(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SessionIdBytes)), NewSecret());

    /// <summary>The next token of the same session.</summary>
    public RefreshToken Rotate() => this with { Secret = NewSecret() };

    /// <summary>Parses a token; false for anything this server could not have issued.</summary>
    public static bool TryParse(string? text, out RefreshToken token)
    {
        token = default;
        if (text is null || text.Length != SessionIdLength + 1 + SecretLength || text[SessionIdLength] != '.')
        {
            return false;
        }

        var sessionId = text[..SessionIdLength];
        var secret = text[(SessionIdLength + 1)..];
        if (!Base64Url.IsValid(sessionId) || !Base64Url.IsValid(secret))
        {
            return false;
        }

        token = new RefreshToken(sessionId, secret);
        return true;
    }

    /// <summary>The token as clients hold it.</summary>
    public override string ToString() => $"{SessionId}.{Secret}";

    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
}
