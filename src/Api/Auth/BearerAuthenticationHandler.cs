using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Playbound.Api.Auth;

/// <summary>
/// The "Bearer" scheme: reads <c>Authorization: Bearer</c> (or <c>?access_token=</c> on <c>/hubs/*</c>, where
/// browsers cannot set headers on WebSockets) and validates it with <see cref="AccessTokens"/>. Challenges answer 401
/// ProblemDetails with <c>WWW-Authenticate</c>; forbids answer 403 ProblemDetails.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokens tokens, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "Bearer";

    /// <summary>The paths where a token may come in the query string.</summary>
    public const string HubsPathPrefix = "/hubs";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken();
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var identity = await tokens.ValidateAsync(token);
        return identity is null
            ? AuthenticateResult.Fail("The access token is malformed, forged or expired.")
            : AuthenticateResult.Success(new AuthenticationTicket(new(identity), ExpiresAt(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var presented = result.Failure is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented ? """Bearer error="invalid_token" """.TrimEnd() : SchemeName;
        await WriteProblemAsync(
            StatusCodes.Status401Unauthorized, "Unauthorized",
            presented ? "The access token is invalid or expired." : "An access token is required.");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "You may not do this.");
    }

    private string? ReadToken()
    {
        string? authorization = Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(authorization))
        {
            return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? NullIfBlank(authorization[7..].Trim()) : null;
        }

        return Request.Path.StartsWithSegments(HubsPathPrefix, StringComparison.OrdinalIgnoreCase)
            ? NullIfBlank(Request.Query["access_token"].ToString())
            : null;
    }

    // The hub closes a connection when its ticket expires; the token's exp is when that is.
    private static AuthenticationProperties ExpiresAt(ClaimsIdentity identity) =>
        long.TryParse(identity.FindFirst(JwtRegisteredClaimNames.Exp)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp)
            ? new AuthenticationProperties { ExpiresUtc = DateTimeOffset.FromUnixTimeSeconds(exp) }
            : new AuthenticationProperties();

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.Headers.CacheControl = "no-store";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
