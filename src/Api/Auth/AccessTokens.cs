using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Playbound.Api.Validation;

namespace Playbound.Api.Auth;

/// <summary>Issues Playbound's access tokens (JWT, HS256) and validates access tokens, Playbound's or the external issuer's.</summary>
public sealed class AccessTokens
{
    /// <summary>The claim that carries the user's handle.</summary>
    public const string HandleClaim = "handle";

    /// <summary>How far apart the clocks of issuer and validator may be.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly SigningCredentials _signing;
    private readonly TokenValidationParameters _own;
    private readonly TokenValidationParameters? _external;
    private readonly string? _externalIssuer;

    /// <summary>Creates the issuer and validator.</summary>
    public AccessTokens(TokenKeys keys, IOptions<AuthOptions> options, TimeProvider time)
    {
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);
        _signing = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256);
        _own = Parameters(AuthOptions.Issuer, AuthOptions.Audience, [keys.SigningKey], SecurityAlgorithms.HmacSha256, time);
        var external = options.Value.External;
        if (external.IsConfigured)
        {
            _externalIssuer = external.Issuer;
            _external = Parameters(external.Issuer!, external.Audience!, keys.ExternalKeys, SecurityAlgorithms.RsaSha256, time);
        }
    }

    /// <summary>The access-token lifetime in whole seconds, as <c>expiresIn</c> reports it.</summary>
    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    /// <summary>A signed access token for <paramref name="userId"/>.</summary>
    public string Create(string userId, string handle)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthOptions.Issuer,
            Audience = AuthOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = userId, [HandleClaim] = handle },
            SigningCredentials = _signing,
        });
    }

    /// <summary>The identity in <paramref name="token"/>, or null when it is malformed, forged, expired or has no usable subject.</summary>
    public async Task<ClaimsIdentity?> ValidateAsync(string token)
    {
        var parameters = _own;
        if (_external is not null && _handler.CanReadToken(token))
        {
            try
            {
                // Only the issuer picks the key set; the signature check that follows decides whether to believe it.
                if (_handler.ReadJsonWebToken(token).Issuer == _externalIssuer)
                {
                    parameters = _external;
                }
            }
            catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
            {
                return null;
            }
        }

        var result = await _handler.ValidateTokenAsync(token, parameters);
        var subject = result.IsValid ? result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value : null;
        return InputRules.IsWellFormedId(subject) ? result.ClaimsIdentity : null;
    }

    private static TokenValidationParameters Parameters(
        string issuer, string audience, IEnumerable<SecurityKey> keys, string algorithm, TimeProvider time) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = audience,
        IssuerSigningKeys = keys,
        ValidAlgorithms = [algorithm],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,

        // Lifetime against the injected clock (tests drive it), with the same skew either side.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return (notBefore is null || notBefore.Value <= now + ClockSkew) && expires is { } end && end > now - ClockSkew;
        },
        NameClaimType = HandleClaim,
    };
}
