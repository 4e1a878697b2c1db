using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Playbound.Api.Auth;

/// <summary>
/// Issues Playbound's access tokens (JWT, HS256). Validating them, and the external issuer's, is JwtBearer's
/// (<see cref="BearerSchemes"/>).
/// </summary>
public sealed class AccessTokens
{
    /// <summary>The claim that carries the user's handle.</summary>
    public const string HandleClaim = "handle";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly SigningCredentials _signing;

    /// <summary>Creates the issuer.</summary>
    public AccessTokens(TokenKeys keys, IOptions<AuthOptions> options, TimeProvider time)
    {
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.AccessTokenMinutes);
        _signing = new SigningCredentials(keys.SigningKey, SecurityAlgorithms.HmacSha256);
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
}
