using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Playbound.Api.Auth;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>Token lifetime against a clock the test drives.</summary>
public sealed class AccessTokenLifetimeTests
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AccessTokens _tokens;

    public AccessTokenLifetimeTests()
    {
        var options = Options.Create(new AuthOptions { SigningKey = PlayboundApiFactory.SigningKey, AccessTokenMinutes = 15 });
        _tokens = new AccessTokens(new TokenKeys(options, new ConfigurationBuilder().Build()), options, _clock);
    }

    [Fact]
    public async Task A_token_is_valid_until_its_lifetime_plus_the_clock_skew_has_passed()
    {
        var token = _tokens.Create("123", "alice");

        _clock.Now += TimeSpan.FromMinutes(15);
        var atExpiry = await _tokens.ValidateAsync(token);
        _clock.Now += AccessTokens.ClockSkew + TimeSpan.FromSeconds(1);
        var afterExpiry = await _tokens.ValidateAsync(token);

        Assert.Equal("123", atExpiry?.FindFirst("sub")?.Value);
        Assert.Equal("alice", atExpiry?.FindFirst(AccessTokens.HandleClaim)?.Value);
        Assert.Null(afterExpiry);
        Assert.Equal(900, _tokens.LifetimeSeconds);
    }

    [Fact]
    public async Task A_token_from_the_future_is_refused()
    {
        var token = _tokens.Create("123", "alice");

        _clock.Now -= TimeSpan.FromMinutes(5);

        Assert.Null(await _tokens.ValidateAsync(token));
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
