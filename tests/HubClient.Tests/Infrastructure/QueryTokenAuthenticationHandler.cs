using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Playbound.HubClient.Tests.Infrastructure;

/// <summary>Accepts exactly ?access_token=good, the way the real hub reads its JWT from the query.</summary>
public sealed class QueryTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "QueryToken";
    public const string GoodToken = "good";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Query["access_token"] != GoodToken)
            return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "tester")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
