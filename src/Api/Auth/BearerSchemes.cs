using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Playbound.Api.Validation;
using Playbound.Realtime;

namespace Playbound.Api.Auth;

/// <summary>
/// Access-token validation: ASP.NET Core's JwtBearer in two schemes.
/// <list type="bullet">
/// <item><see cref="SchemeName"/> ("Bearer", the default) validates Playbound's own tokens: HS256 with the
/// <see cref="TokenKeys.SigningKey"/>, issuer and audience <c>playbound</c>.</item>
/// <item><see cref="ExternalSchemeName"/> validates the external OIDC issuer's RS256 tokens (keys from a PEM, a JWKS
/// file or the issuer's metadata address, <see cref="ExternalIssuerOptions"/>); it is used only when that issuer is
/// configured.</item>
/// </list>
/// "Bearer" hands a request to "External" (<see cref="AuthenticationSchemeOptions.ForwardDefaultSelector"/>) when the
/// token's <c>iss</c>, read without any check, is the configured external issuer. The issuer only picks the scheme; that
/// scheme's own signature, algorithm, issuer, audience and lifetime checks decide. Two schemes rather than one with both
/// key sets, so a token cannot pair one issuer with the other's key or algorithm (an HS256 token claiming the external
/// issuer, signed with Playbound's key, is refused), and the metadata's key refresh stays JwtBearer's own.
/// <para>
/// Both schemes: the token comes in <c>Authorization: Bearer</c>, or as <c>?access_token=</c> on the hub path
/// (<see cref="FeedHub.Path"/>, where browsers cannot set headers on WebSockets); lifetime is checked against the
/// injected <see cref="TimeProvider"/> with <see cref="ClockSkew"/> either side; the <c>sub</c> claim (kept as
/// <c>sub</c>, no inbound claim mapping) is the user id and must be a well-formed id; the ticket expires with the token,
/// so the hub closes connections then (<c>CloseOnAuthenticationExpiration</c>). A challenge answers 401 ProblemDetails
/// with <c>WWW-Authenticate: Bearer</c> (no token) or <c>Bearer error="invalid_token"</c> (a token that failed); a
/// forbid answers 403 ProblemDetails.
/// </para>
/// </summary>
public static class BearerSchemes
{
    /// <summary>The default scheme: Playbound's own tokens, and the name the OpenAPI document declares.</summary>
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>The scheme of the external issuer's tokens.</summary>
    public const string ExternalSchemeName = "External";

    /// <summary>How far apart the clocks of issuer and validator may be.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private const string QueryParameter = "access_token";
    private const string BearerPrefix = "Bearer ";

    private static readonly JsonWebTokenHandler Reader = new();

    private static readonly JwtBearerEvents Events = new()
    {
        OnMessageReceived = static context =>
        {
            // Null leaves JwtBearer to read the Authorization header as usual.
            context.Token = QueryToken(context.HttpContext);
            return Task.CompletedTask;
        },
        OnTokenValidated = static context =>
        {
            var subject = context.Principal?.FindFirstValue(JwtRegisteredClaimNames.Sub);
            if (!InputRules.IsWellFormedId(subject))
            {
                context.Fail("The token's subject is not a user id.");
            }
            else if (context.HttpContext.RequestServices.GetRequiredService<RevokedAccounts>().IsRevoked(subject!))
            {
                context.Fail("The account was deleted.");
            }

            return Task.CompletedTask;
        },
        OnChallenge = static context =>
        {
            context.HandleResponse();
            var presented = context.AuthenticateFailure is not null;
            context.Response.Headers.WWWAuthenticate = presented ? """Bearer error="invalid_token" """.TrimEnd() : "Bearer";
            return WriteProblemAsync(
                context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
                presented ? "The access token is invalid or expired." : "An access token is required.");
        },
        OnForbidden = static context =>
            WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "You may not do this."),
    };

    /// <summary>Adds both schemes, configured from <see cref="AuthOptions"/>, <see cref="TokenKeys"/> and the <see cref="TimeProvider"/>.</summary>
    internal static AuthenticationBuilder AddPlayboundBearer(this AuthenticationBuilder builder)
    {
        builder.AddJwtBearer(SchemeName).AddJwtBearer(ExternalSchemeName);

        builder.Services.AddOptions<JwtBearerOptions>(SchemeName).Configure<TokenKeys, IOptions<AuthOptions>, TimeProvider>(
            static (options, keys, auth, time) =>
            {
                Configure(options, Parameters(AuthOptions.Issuer, AuthOptions.Audience, SecurityAlgorithms.HmacSha256, [keys.SigningKey], time));
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new CachingTokenHandler(time));
                if (auth.Value.External is { IsConfigured: true, Issuer: { } externalIssuer })
                {
                    options.ForwardDefaultSelector = context => UnverifiedIssuer(context) == externalIssuer ? ExternalSchemeName : null;
                }
            });

        builder.Services.AddOptions<JwtBearerOptions>(ExternalSchemeName).Configure<TokenKeys, IOptions<AuthOptions>, TimeProvider>(
            static (options, keys, auth, time) =>
            {
                var external = auth.Value.External;
                if (!external.IsConfigured)
                {
                    return; // Never selected.
                }

                Configure(options, Parameters(external.Issuer!, external.Audience!, SecurityAlgorithms.RsaSha256, keys.ExternalKeys, time));
                if (!string.IsNullOrWhiteSpace(external.MetadataAddress))
                {
                    // JwtBearer reads the document and its jwks_uri, caches them and re-reads them on an unknown key id.
                    options.MetadataAddress = external.MetadataAddress;
                    // Plain http got past AuthOptionsValidator only on a loopback address.
                    options.RequireHttpsMetadata = new Uri(external.MetadataAddress).Scheme == Uri.UriSchemeHttps;
                }
            });

        return builder;
    }

    private static void Configure(JwtBearerOptions options, TokenValidationParameters parameters)
    {
        options.TokenValidationParameters = parameters;
        options.MapInboundClaims = false;
        options.Events = Events;
    }

    private static TokenValidationParameters Parameters(
        string issuer, string audience, string algorithm, IEnumerable<SecurityKey> keys, TimeProvider time) => new()
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
        NameClaimType = AccessTokens.HandleClaim,
    };

    /// <summary>The <c>?access_token=</c> of a request to the hub that has no Authorization header, else null.</summary>
    private static string? QueryToken(HttpContext context)
    {
        var request = context.Request;
        if (!string.IsNullOrEmpty(request.Headers.Authorization) || !request.Path.StartsWithSegments(FeedHub.Path, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = request.Query[QueryParameter].ToString();
        return string.IsNullOrWhiteSpace(token) ? null : token;
    }

    /// <summary>The <c>iss</c> of the request's token, unverified: only to pick the scheme that verifies it.</summary>
    private static string? UnverifiedIssuer(HttpContext context)
    {
        string? authorization = context.Request.Headers.Authorization;
        var token = string.IsNullOrEmpty(authorization)
            ? QueryToken(context)
            : authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? authorization[BearerPrefix.Length..].Trim() : null;
        if (string.IsNullOrEmpty(token) || !Reader.CanReadToken(token))
        {
            return null;
        }

        try
        {
            return Reader.ReadJsonWebToken(token).Issuer;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
