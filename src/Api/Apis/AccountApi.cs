using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Playbound.Api.Auth;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Validation;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>
/// Deleting one's account: <c>DELETE /api/v1/users/me</c> with the password. The 202 comes once logging in, refreshing
/// and the profile have stopped working and every Api node rejects the user's access tokens; the rest of the deletion
/// (posts out of every feed, follows, likes, comments, notifications, the handle) runs on as a durable workflow.
/// </summary>
public static class AccountApi
{
    /// <summary>Maps <c>DELETE /api/v1/users/me</c>.</summary>
    public static RouteGroupBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/users", "Users");
        api.MapDelete("/me", DeleteMe).Accepts<DeleteAccountRequest>("application/json").ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    /// <summary>Starts deleting the caller's account: 202; 400 without a password; 403 when it is wrong.</summary>
    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> DeleteMe(
        [FromBody] DeleteAccountRequest? request, [AsParameters] GrainServices services, Passwords passwords)
    {
        if (request?.Password is not { } password)
        {
            return ValidationErrors.Single("password", "The field is required.");
        }

        var me = services.Me;
        var deletion = services.Grains.GetGrain<IAccountDeletionGrain>(me);
        if (await services.Grain<IUserGrain>(me).GetProfile() is { } profile)
        {
            var credentials = await services.Grain<IAccountGrain>(profile.Handle).GetCredentials();
            if (credentials is null || credentials.UserId != me || passwords.Verify(credentials.PasswordHash, password) == PasswordVerificationResult.Failed)
            {
                return ApiProblems.Forbidden("The password is wrong.");
            }

            await deletion.Start(profile.Handle);
        }
        else if (!(await deletion.GetStatus()).Started)
        {
            return ApiProblems.NotFound("No such user.");
        }

        // Also on a retry after the deletion started (the profile is gone by then): the tokens must stop everywhere.
        await services.Grains.GetGrain<IRevokedAccountsGrain>(0).Revoke(me);
        return TypedResults.Accepted((string?)null);
    }
}
