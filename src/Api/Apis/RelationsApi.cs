using Microsoft.AspNetCore.Http.HttpResults;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Api.Validation;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>Blocks and mutes: the caller's own, acted on through the caller's <see cref="IRelationsGrain"/>.</summary>
public static class RelationsApi
{
    /// <summary>Maps the block and mute routes under <c>/api/v1/users</c>.</summary>
    public static RouteGroupBuilder MapRelationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/users", "Blocks and mutes");

        api.MapGet("/me/blocks", GetBlocks);
        api.MapGet("/me/mutes", GetMutes);
        api.MapPut("/{userId}/block", Block).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{userId}/block", Unblock);
        api.MapPut("/{userId}/mute", Mute).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{userId}/mute", Unmute);

        return api;
    }

    /// <summary>The caller blocks <paramref name="userId"/>: 204 (idempotent), 400 for oneself, 404 unknown user.</summary>
    public static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Block(string userId, [AsParameters] GrainServices services) =>
        ChangeAsync(userId, services, static (grain, target) => grain.Block(target));

    /// <summary>The caller unblocks <paramref name="userId"/>: 204 (idempotent), 400 for oneself.</summary>
    public static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unblock(string userId, [AsParameters] GrainServices services) =>
        ChangeAsync(userId, services, static (grain, target) => grain.Unblock(target));

    /// <summary>The caller mutes <paramref name="userId"/>: 204 (idempotent), 400 for oneself, 404 unknown user.</summary>
    public static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Mute(string userId, [AsParameters] GrainServices services) =>
        ChangeAsync(userId, services, static (grain, target) => grain.Mute(target));

    /// <summary>The caller unmutes <paramref name="userId"/>: 204 (idempotent), 400 for oneself.</summary>
    public static Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unmute(string userId, [AsParameters] GrainServices services) =>
        ChangeAsync(userId, services, static (grain, target) => grain.Unmute(target));

    /// <summary>Whom the caller blocks, newest first.</summary>
    public static Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem>> GetBlocks(
        [AsParameters] PageQuery query, [AsParameters] GrainServices services) =>
        ListAsync(query, services, ListKind.Blocks, static (grain, page) => grain.GetBlocks(page.Limit, page.Cursor));

    /// <summary>Whom the caller mutes, newest first.</summary>
    public static Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem>> GetMutes(
        [AsParameters] PageQuery query, [AsParameters] GrainServices services) =>
        ListAsync(query, services, ListKind.Mutes, static (grain, page) => grain.GetMutes(page.Limit, page.Cursor));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        string userId, GrainServices services, Func<IRelationsGrain, string, Task<FollowOutcome>> change)
    {
        if (userId == UsersApi.Me || userId == services.Me)
        {
            return ValidationErrors.Single("userId", "You cannot block or mute yourself.");
        }

        if (!InputRules.IsWellFormedId(userId))
        {
            return ApiProblems.NotFound("No such user.");
        }

        return await change(services.Grains.GetGrain<IRelationsGrain>(services.Me), userId) switch
        {
            FollowOutcome.Done => TypedResults.NoContent(),
            FollowOutcome.Self => ValidationErrors.Single("userId", "You cannot block or mute yourself."),
            _ => ApiProblems.NotFound("No such user."),
        };
    }

    private static async Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem>> ListAsync(
        PageQuery query, GrainServices services, ListKind kind, Func<IRelationsGrain, PageArgs, Task<Page<UserSummary>>> fetch)
    {
        var me = services.Me;
        if (!query.TryRead(services.Cursors, kind, me, out var page, out var problem))
        {
            return problem;
        }

        var users = await fetch(services.Grains.GetGrain<IRelationsGrain>(me), page);
        return TypedResults.Ok(users.ToResponse(services.Cursors, kind, me));
    }
}
