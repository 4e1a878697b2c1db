using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Playbound.Api.Auth;
using Playbound.Api.Contracts;
using Playbound.Api.RateLimiting;
using Playbound.Api.Validation;
using Playbound.Grains;
using Orleans;

namespace Playbound.Api.Apis;

/// <summary>Registration, login, token refresh and logout (anonymous; rate limited per client IP).</summary>
public static class AuthApi
{
    /// <summary>Maps <c>/api/v1/auth</c>.</summary>
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Auth);

        api.MapPost("/register", Register).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/login", Login).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/refresh", Refresh).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/logout", Logout);

        return api;
    }

    /// <summary>Creates an account and signs it in: 201 with tokens, 400 invalid input, 409 handle taken.</summary>
    public static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, [AsParameters] AuthServices services)
    {
        var errors = new ValidationErrors();
        var handle = InputRules.NormalizeHandle(request.Handle);
        if (handle is null)
        {
            errors.Add("handle", request.Handle is null
                ? "The field is required."
                : $"Must be {InputRules.HandleMinLength} to {InputRules.HandleMaxLength} characters of a-z, 0-9 and _.");
        }

        var displayName = InputRules.Text(request.DisplayName, "displayName", 1, InputRules.DisplayNameMaxLength, multiline: false, errors);
        var password = InputRules.Password(request.Password, errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var passwordHash = services.Passwords.Hash(password!);
        var userId = await services.Grains.GetGrain<IAccountGrain>(handle!).Register(displayName!, passwordHash);
        if (userId is null)
        {
            return ApiProblems.Conflict($"The handle '{handle}' is taken.");
        }

        var tokens = await services.Sessions.StartAsync(userId, handle!);
        return TypedResults.Created($"/api/v1/users/{userId}", tokens);
    }

    /// <summary>Signs in: 200 with tokens, 400 when a field is missing, 401 on wrong credentials.</summary>
    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest request, [AsParameters] AuthServices services)
    {
        var errors = new ValidationErrors();
        if (request.Handle is null)
        {
            errors.Add("handle", "The field is required.");
        }

        if (request.Password is null)
        {
            errors.Add("password", "The field is required.");
        }

        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        // A handle that breaks the rules cannot be registered, so it fails like a wrong password (same time spent).
        var handle = InputRules.NormalizeHandle(request.Handle);
        var credentials = handle is null ? null : await services.Grains.GetGrain<IAccountGrain>(handle).GetCredentials();
        var verdict = credentials is null
            ? services.Passwords.VerifyDecoy(request.Password!)
            : services.Passwords.Verify(credentials.PasswordHash, request.Password!);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return ApiProblems.Unauthorized("The handle or password is wrong.");
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await services.Grains.GetGrain<IAccountGrain>(handle!).UpdatePasswordHash(services.Passwords.Hash(request.Password!));
        }

        return TypedResults.Ok(await services.Sessions.StartAsync(credentials!.UserId, handle!));
    }

    /// <summary>Swaps a refresh token for a new pair: 200, or 401 when it is not the session's current one (reuse revokes the session).</summary>
    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest request, [AsParameters] AuthServices services)
    {
        if (request.RefreshToken is null)
        {
            return ValidationErrors.Single("refreshToken", "The field is required.");
        }

        var tokens = await services.Sessions.RefreshAsync(request.RefreshToken);
        return tokens is null ? ApiProblems.Unauthorized("The refresh token is invalid, expired or was already used.") : TypedResults.Ok(tokens);
    }

    /// <summary>Ends the session of a refresh token: 204 whether or not it was still valid (so logout can be retried).</summary>
    public static async Task<Results<NoContent, ValidationProblem>> Logout(RefreshRequest request, [AsParameters] AuthServices services)
    {
        if (request.RefreshToken is null)
        {
            return ValidationErrors.Single("refreshToken", "The field is required.");
        }

        await services.Sessions.RevokeAsync(request.RefreshToken);
        return TypedResults.NoContent();
    }
}

/// <summary>What the auth endpoints need.</summary>
/// <param name="Grains">The grain factory.</param>
/// <param name="Passwords">The password hasher.</param>
/// <param name="Sessions">Issues, rotates and revokes tokens.</param>
public sealed record AuthServices(IGrainFactory Grains, Passwords Passwords, Sessions Sessions);
