using Microsoft.AspNetCore.Http.HttpResults;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Api.Validation;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>Reposts of a post: the caller's own (through the post grain), and who reposted it.</summary>
public static class RepostsApi
{
    /// <summary>Maps the repost routes under <c>/api/v1/posts</c>.</summary>
    public static RouteGroupBuilder MapRepostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/posts", "Reposts");

        api.MapPut("/{postId}/repost", Repost).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{postId}/repost", Unrepost).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{postId}/reposts", GetReposters).ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>The caller reposts the post: 204 (idempotent), 404 when it is missing, deleted or hidden from the caller.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Repost(string postId, [AsParameters] GrainServices services) =>
        InputRules.IsWellFormedId(postId) ? PostsApi.Outcome(await services.Grain<IPostGrain>(postId).Repost(services.Me)) : PostsApi.NoSuchPost();

    /// <summary>The caller takes back their repost: 204 (also when there was none), 404 when the post is missing.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Unrepost(string postId, [AsParameters] GrainServices services) =>
        InputRules.IsWellFormedId(postId) ? PostsApi.Outcome(await services.Grain<IPostGrain>(postId).Unrepost(services.Me)) : PostsApi.NoSuchPost();

    /// <summary>Who reposted the post, newest first; 404 when the post is missing or hidden from the caller.</summary>
    public static async Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem, ProblemHttpResult>> GetReposters(
        string postId, [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        if (!InputRules.IsWellFormedId(postId))
        {
            return PostsApi.NoSuchPost();
        }

        if (!query.TryRead(services.Cursors, ListKind.Reposters, postId, out var page, out var problem))
        {
            return problem;
        }

        if (await PostsApi.VisiblePostAsync(postId, services) is null
            || await services.Grain<IPostGrain>(postId).GetReposters(page.Limit, page.Cursor) is not { } reposters)
        {
            return PostsApi.NoSuchPost();
        }

        return TypedResults.Ok(reposters.ToResponse(services.Cursors, ListKind.Reposters, postId));
    }
}
