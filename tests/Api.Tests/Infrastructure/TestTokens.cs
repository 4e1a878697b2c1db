using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Playbound.Api.Tests.Infrastructure;

/// <summary>Mints tokens the way Playbound (or an attacker, or an external issuer) would, for token validation tests.</summary>
public static class TestTokens
{
    /// <summary>An HS256 token; by default valid for the tests' Api.</summary>
    public static string Hs256(
        string subject, string key = PlayboundApiFactory.SigningKey, string issuer = "playbound", string audience = "playbound",
        DateTime? expires = null, DateTime? issuedAt = null) =>
        Create(subject, issuer, audience, new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256), expires, issuedAt);

    /// <summary>An RS256 token signed with <paramref name="key"/>, naming <paramref name="keyId"/> in its header when given.</summary>
    public static string Rs256(
        string subject, RSA key, string issuer, string audience, DateTime? expires = null, DateTime? issuedAt = null, string? keyId = null) =>
        Create(subject, issuer, audience, new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256), expires, issuedAt);

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string Unsigned(string subject)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"{{subject}}","iss":"playbound","aud":"playbound","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    private static string Create(string subject, string issuer, string audience, SigningCredentials credentials, DateTime? expires, DateTime? issuedAt)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        var end = expires ?? now.AddMinutes(10);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now < end ? now : end.AddMinutes(-1),
            Expires = end,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["handle"] = "someone" },
            SigningCredentials = credentials,
        });
    }
}
