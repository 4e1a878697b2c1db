using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Playbound.Api.Auth;

namespace Playbound.Api.Tests;

public sealed class CachingTokenHandlerTests
{
    private static readonly SymmetricSecurityKey Key = new(Encoding.UTF8.GetBytes("a signing key of at least thirty-two bytes"));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_valid_token_is_answered_again_with_a_copy_of_its_claims()
    {
        var handler = new CachingTokenHandler(_clock);
        var token = Token(expires: _clock.Now.AddMinutes(15));

        var first = await handler.ValidateTokenAsync(token, Parameters());
        var second = await handler.ValidateTokenAsync(token, Parameters());
        second.ClaimsIdentity.AddClaim(new Claim("added", "by one request"));
        var third = await handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid && second.IsValid && third.IsValid);
        Assert.Equal("123", third.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Null(third.ClaimsIdentity.FindFirst("added"));
        Assert.NotSame(second.ClaimsIdentity, third.ClaimsIdentity);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expired()
    {
        var handler = new CachingTokenHandler(_clock);
        var token = Token(expires: _clock.Now.AddSeconds(90));
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);

        _clock.Now += TimeSpan.FromSeconds(50);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
        _clock.Now += TimeSpan.FromSeconds(41);

        Assert.False((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
    }

    [Fact]
    public async Task An_invalid_token_is_never_remembered()
    {
        var handler = new CachingTokenHandler(_clock);
        var token = Token(expires: _clock.Now.AddMinutes(15));
        var wrongAudience = Parameters();
        wrongAudience.ValidAudience = "someone-else";

        Assert.False((await handler.ValidateTokenAsync(token, wrongAudience)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(token + "x", Parameters())).IsValid);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters())).IsValid);
    }

    private static string Token(DateTimeOffset expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "issuer",
        Audience = "audience",
        Subject = new ClaimsIdentity([new Claim("sub", "123")]),
        NotBefore = expires.UtcDateTime.AddHours(-1),
        IssuedAt = expires.UtcDateTime.AddHours(-1),
        Expires = expires.UtcDateTime,
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
    });

    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = "issuer",
        ValidAudience = "audience",
        IssuerSigningKey = Key,
        ClockSkew = TimeSpan.Zero,
        LifetimeValidator = (notBefore, expires, _, _) => expires > _clock.Now.UtcDateTime,
    };

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
