using Microsoft.AspNetCore.Http.HttpResults;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Api.Validation;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>
/// Profiles and the social graph. A caller can only change their own profile and their own follows: every write
/// acts on the caller's grain (the token's subject), and no route names another user as the actor.
/// In <c>{userId}</c> routes, <c>me</c> stands for the caller.
/// </summary>
public static class UsersApi
{
    /// <summary>The path segment that stands for the caller.</summary>
    public const string Me = "me";

    /// <summary>Maps <c>/api/v1/users</c>.</summary>
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/users", "Users");

        // Literal segments outrank parameters in routing, so /me and /me/suggestions never reach {userIdOrHandle}.
        api.MapGet("/me", GetMe).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/me", UpdateMe).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/me/suggestions", GetSuggestions);
        api.MapGet("/{userIdOrHandle}", GetUser).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{userId}/follow", Follow).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{userId}/follow", Unfollow).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{userId}/followers", GetFollowers).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{userId}/following", GetFollowing).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{userId}/posts", GetPosts).ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>The caller's profile (never blocked or muted by themselves).</summary>
    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetMe([AsParameters] GrainServices services) =>
        await services.Grain<IUserGrain>(services.Me).GetProfile() is { } profile
            ? TypedResults.Ok(ProfileResponse.Own(profile))
            : NoSuchUser();

    /// <summary>Changes the caller's display name and/or bio.</summary>
    public static async Task<Results<Ok<ProfileResponse>, ValidationProblem, ProblemHttpResult>> UpdateMe(
        UpdateProfileRequest request, [AsParameters] GrainServices services)
    {
        var errors = new ValidationErrors();
        var displayName = request.DisplayName is null
            ? null
            : InputRules.Text(request.DisplayName, "displayName", 1, InputRules.DisplayNameMaxLength, multiline: false, errors);
        var bio = request.Bio is null ? null : InputRules.Text(request.Bio, "bio", 0, InputRules.BioMaxLength, multiline: true, errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var user = services.Grain<IUserGrain>(services.Me);
        if (await user.GetProfile() is null)
        {
            return NoSuchUser();
        }

        return TypedResults.Ok(ProfileResponse.Own(await user.UpdateProfile(displayName, bio)));
    }

    /// <summary>A user's profile by id or by handle (any case).</summary>
    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetUser(string userIdOrHandle, [AsParameters] GrainServices services)
    {
        var relations = await services.MyRelationsAsync();
        if (await FindProfileAsync(userIdOrHandle, services) is not { } profile || relations.BlockedBy.Contains(profile.UserId))
        {
            return NoSuchUser();
        }

        var me = services.Me;
        var followedByMe = profile.UserId != me && await services.Grain<IUserGrain>(me).IsFollowing(profile.UserId);
        return TypedResults.Ok(ProfileResponse.From(profile, followedByMe, relations));
    }

    /// <summary>The caller follows <paramref name="userId"/>: 204 (idempotent), 400 for oneself, 404 unknown user.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Follow(string userId, [AsParameters] GrainServices services) =>
        Target(userId, services) is { } target ? FollowResult(await services.Grain<IUserGrain>(services.Me).Follow(target)) : NoSuchUser();

    /// <summary>The caller stops following <paramref name="userId"/>: 204 (idempotent, also when there was no such follow), 400 for oneself.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Unfollow(string userId, [AsParameters] GrainServices services) =>
        Target(userId, services) is { } target ? FollowResult(await services.Grain<IUserGrain>(services.Me).Unfollow(target)) : NoSuchUser();

    /// <summary>Who follows <paramref name="userId"/>, newest follow first.</summary>
    public static Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem, ProblemHttpResult>> GetFollowers(
        string userId, [AsParameters] PageQuery query, [AsParameters] GrainServices services) =>
        ListAsync(userId, query, services, ListKind.Followers, (target, page) => services.Grain<IUserGrain>(target).GetFollowers(page.Limit, page.Cursor));

    /// <summary>Whom <paramref name="userId"/> follows, newest follow first.</summary>
    public static Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem, ProblemHttpResult>> GetFollowing(
        string userId, [AsParameters] PageQuery query, [AsParameters] GrainServices services) =>
        ListAsync(userId, query, services, ListKind.Following, (target, page) => services.Grain<IUserGrain>(target).GetFollowing(page.Limit, page.Cursor));

    /// <summary>The posts of <paramref name="userId"/>, newest first.</summary>
    public static Task<Results<Ok<PageResponse<PostView>>, ValidationProblem, ProblemHttpResult>> GetPosts(
        string userId, [AsParameters] PageQuery query, [AsParameters] GrainServices services) =>
        ListAsync(userId, query, services, ListKind.UserPosts, (target, page) => services.Grain<IUserPostsGrain>(target).GetPosts(page.Limit, page.Cursor, services.Me));

    /// <summary>Up to <c>limit</c> users followed by the caller's followees and not by the caller, best first; a single page.</summary>
    public static async Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem>> GetSuggestions(
        [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        if (!query.TryReadLimit(out var limit, out var problem))
        {
            return problem;
        }

        var suggestions = await services.Grain<IUserGrain>(services.Me).GetSuggestions(limit);
        return TypedResults.Ok(new PageResponse<UserSummary>(suggestions, NextCursor: null));
    }

    private static async Task<Results<Ok<PageResponse<T>>, ValidationProblem, ProblemHttpResult>> ListAsync<T>(
        string userId, PageQuery query, GrainServices services, ListKind kind, Func<string, PageArgs, Task<Page<T>>> fetch)
    {
        if (Target(userId, services) is not { } target)
        {
            return NoSuchUser();
        }

        if (!query.TryRead(services.Cursors, kind, target, out var page, out var problem))
        {
            return problem;
        }

        // A user who blocks the caller does not exist for them.
        if (await services.Grain<IUserGrain>(target).GetProfile() is null || (await services.MyRelationsAsync()).BlockedBy.Contains(target))
        {
            return NoSuchUser();
        }

        return TypedResults.Ok((await fetch(target, page)).ToResponse(services.Cursors, kind, target));
    }

    private static async Task<UserProfile?> FindProfileAsync(string userIdOrHandle, GrainServices services)
    {
        // Ids first: a profile link carries the id. Then handles, through the account that owns the handle.
        if (InputRules.IsWellFormedId(userIdOrHandle) && await services.Grain<IUserGrain>(userIdOrHandle).GetProfile() is { } byId)
        {
            return byId;
        }

        if (InputRules.NormalizeHandle(userIdOrHandle) is not { } handle
            || await services.Grain<IAccountGrain>(handle).GetCredentials() is not { } account)
        {
            return null;
        }

        return await services.Grain<IUserGrain>(account.UserId).GetProfile();
    }

    /// <summary>The user a <c>{userId}</c> segment names: the caller for <c>me</c>; null when it cannot be an id.</summary>
    private static string? Target(string userId, GrainServices services) =>
        userId == Me ? services.Me : InputRules.IsWellFormedId(userId) ? userId : null;

    private static Results<NoContent, ValidationProblem, ProblemHttpResult> FollowResult(FollowOutcome outcome) => outcome switch
    {
        FollowOutcome.Done => TypedResults.NoContent(),
        FollowOutcome.Self => ValidationErrors.Single("userId", "You cannot follow or unfollow yourself."),
        FollowOutcome.Blocked => ApiProblems.Forbidden("One of you blocks the other."),
        _ => NoSuchUser(),
    };

    private static ProblemHttpResult NoSuchUser() => ApiProblems.NotFound("No such user.");
}
