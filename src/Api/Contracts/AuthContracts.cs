namespace Playbound.Api.Contracts;

/// <summary>The body of <c>POST /api/v1/auth/register</c>. Fields are nullable so a missing one is a 400 naming it.</summary>
/// <param name="Handle">3-30 of <c>[a-z0-9_]</c>, lower-cased first.</param>
/// <param name="DisplayName">1-50 characters after trimming.</param>
/// <param name="Password">8-128 characters.</param>
public sealed record RegisterRequest(string? Handle, string? DisplayName, string? Password);

/// <summary>The body of <c>POST /api/v1/auth/login</c>.</summary>
/// <param name="Handle">The handle, any case.</param>
/// <param name="Password">The password.</param>
public sealed record LoginRequest(string? Handle, string? Password);

/// <summary>The body of <c>POST /api/v1/auth/refresh</c> and <c>/logout</c>.</summary>
/// <param name="RefreshToken">The refresh token from the last login or refresh.</param>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>A token pair.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Handle">The user's handle.</param>
/// <param name="AccessToken">The JWT to send as <c>Authorization: Bearer</c>.</param>
/// <param name="RefreshToken">The single-use token that gets the next pair.</param>
/// <param name="ExpiresIn">The access token's lifetime in seconds.</param>
public sealed record TokenResponse(string UserId, string Handle, string AccessToken, string RefreshToken, int ExpiresIn);
