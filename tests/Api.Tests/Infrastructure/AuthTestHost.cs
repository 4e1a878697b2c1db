using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Playbound.Api.Auth;
using Playbound.Api.Extensions;

namespace Playbound.Api.Tests.Infrastructure;

/// <summary>
/// Only the Api's authentication (<see cref="AuthenticationExtensions.AddPlayboundAuthentication"/>: the real JwtBearer
/// schemes, events and options validation) on an in-memory server, without a silo: token behaviour, cheaply. Answers
/// <c>GET /me</c> and <c>GET /hubs/feed/probe</c> (both require authentication) with the caller's <c>sub</c> and handle.
/// </summary>
public sealed class AuthTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AuthTestHost(WebApplication app) => _app = app;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a host signing with <see cref="PlayboundApiFactory.SigningKey"/>; <paramref name="settings"/> add to or
    /// override that, <paramref name="clock"/> replaces the system clock.
    /// </summary>
    public static async Task<AuthTestHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var configuration = new Dictionary<string, string?> { ["Playbound:Auth:SigningKey"] = PlayboundApiFactory.SigningKey };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddProblemDetails();
        builder.AddPlayboundAuthentication();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", Caller).RequireAuthorization();
        app.MapGet("/hubs/feed/probe", Caller).RequireAuthorization();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new AuthTestHost(app);
    }

    /// <summary>A client of the in-memory server, with <paramref name="token"/> as <c>Authorization: Bearer</c> when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = _app.GetTestClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IResult Caller(ClaimsPrincipal user) =>
        Results.Json(new { sub = user.FindUserId(), handle = user.Identity?.Name });
}
