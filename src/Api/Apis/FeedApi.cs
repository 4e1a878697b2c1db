using Microsoft.AspNetCore.Http.HttpResults;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>The caller's home feed.</summary>
public static class FeedApi
{
    /// <summary>Maps <c>/api/v1/feed</c>.</summary>
    public static RouteGroupBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/feed", "Feed");

        api.MapGet("", GetFeed);

        return api;
    }

    /// <summary>A page of posts by the caller and the people they follow, newest first.</summary>
    public static async Task<Results<PostPageResult, ValidationProblem>> GetFeed(
        [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        var me = services.Me;
        if (!query.TryRead(services.Cursors, ListKind.Feed, me, out var page, out var problem))
        {
            return problem;
        }

        var posts = await services.Grain<IFeedGrain>(me).GetPage(page.Limit, page.Cursor);
        return new PostPageResult(posts.ToResponse(services.Cursors, ListKind.Feed, me));
    }
}
