using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Playbound.Api.Auth;

/// <summary>
/// Playbound's own access tokens, validated once per token rather than once per request: a client sends the same token
/// with every request for its whole life, and parsing, checking the signature and building the claims cost more than
/// the rest of a feed read's authentication. A token is remembered only after it validated, never past its expiry (with
/// the scheme's clock skew, as the validation allows) nor longer than <see cref="MaxAge"/>, and each request gets its
/// own copy of the claims. At <see cref="MaxTokens"/> the memory is emptied.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    /// <summary>The longest a validation is reused.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>The most tokens remembered.</summary>
    public const int MaxTokens = 100_000;

    private readonly ConcurrentDictionary<string, Validated> _validated = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_validated.TryGetValue(token, out var known) && now < known.Until)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = known.Result.ClaimsIdentity.Clone(),
                SecurityToken = known.Result.SecurityToken,
                Issuer = known.Result.Issuer,
                TokenType = known.Result.TokenType,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            if (_validated.Count >= MaxTokens)
            {
                _validated.Clear();
            }

            var expires = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew;
            _validated[token] = new Validated(result, expires < now + MaxAge ? expires : now + MaxAge);
        }

        return result;
    }

    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until);
}
