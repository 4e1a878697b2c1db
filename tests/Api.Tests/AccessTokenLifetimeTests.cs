using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Api.Auth;
using Playbound.Api.Tests.Infrastructure;

namespace Playbound.Api.Tests;

/// <summary>Token lifetime, through the Bearer scheme, against a clock the test drives.</summary>
public sealed class AccessTokenLifetimeTests : IAsyncLifetime
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private AuthTestHost _host = null!;
    private AccessTokens _tokens = null!;

    public async Task InitializeAsync()
    {
        _host = await AuthTestHost.StartAsync(new Dictionary<string, string?> { ["Playbound:Auth:AccessTokenMinutes"] = "15" }, _clock);
        _tokens = _host.Services.GetRequiredService<AccessTokens>();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_token_is_valid_until_its_lifetime_plus_the_clock_skew_has_passed()
    {
        var client = _host.Client(_tokens.Create("123", "alice"));

        _clock.Now += TimeSpan.FromMinutes(15);
        var atExpiry = await client.GetAsync("/me");
        _clock.Now += BearerSchemes.ClockSkew + TimeSpan.FromSeconds(1);
        var afterExpiry = await client.GetAsync("/me");

        await Expect.StatusAsync(atExpiry, HttpStatusCode.OK);
        var caller = await Expect.JsonAsync(atExpiry);
        Assert.Equal("123", caller.GetProperty("sub").GetString());
        Assert.Equal("alice", caller.GetProperty("handle").GetString());
        await Expect.ProblemAsync(afterExpiry, HttpStatusCode.Unauthorized);
        Assert.Equal(900, _tokens.LifetimeSeconds);
    }

    [Fact]
    public async Task A_token_from_the_future_is_refused()
    {
        var client = _host.Client(_tokens.Create("123", "alice"));

        _clock.Now -= TimeSpan.FromMinutes(5);

        await Expect.ProblemAsync(await client.GetAsync("/me"), HttpStatusCode.Unauthorized);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
