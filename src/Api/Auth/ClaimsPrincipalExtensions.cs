using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Playbound.Api.Auth;

/// <summary>Reads the caller from the validated token.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id (the token's <c>sub</c>), or null when unauthenticated.</summary>
    public static string? FindUserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true ? principal.FindFirstValue(JwtRegisteredClaimNames.Sub) : null;

    /// <summary>The caller's user id; only for endpoints that require authentication.</summary>
    /// <exception cref="InvalidOperationException">The request is not authenticated.</exception>
    public static string GetUserId(this ClaimsPrincipal principal) =>
        principal.FindUserId() ?? throw new InvalidOperationException("The endpoint requires authentication but the request has no user.");
}
