using Microsoft.AspNetCore.Http.HttpResults;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Api.Validation;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>Tag pages: the posts carrying a hashtag.</summary>
public static class TagsApi
{
    /// <summary>Maps <c>/api/v1/tags</c>.</summary>
    public static RouteGroupBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/tags", "Tags");

        api.MapGet("/{tag}/posts", GetTaggedPosts);

        return api;
    }

    /// <summary>The posts tagged <paramref name="tag"/> (any case, without the <c>#</c>), newest first; 400 for a tag that is not 1-50 letters, digits or underscores.</summary>
    public static async Task<Results<PostPageResult, ValidationProblem>> GetTaggedPosts(
        string tag, [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        if (!Hashtags.IsTag(tag))
        {
            return ValidationErrors.Single("tag", $"A tag is 1 to {Hashtags.MaxLength} letters, digits or underscores.");
        }

        var normalized = Hashtags.Normalize(tag);
        if (!query.TryRead(services.Cursors, ListKind.TaggedPosts, normalized, out var page, out var problem))
        {
            return problem;
        }

        var posts = await services.Grains.GetGrain<ISearchGrain>(0).GetTagged(normalized, page.Limit, page.Cursor, services.Me);
        return new PostPageResult(posts.ToResponse(services.Cursors, ListKind.TaggedPosts, normalized));
    }
}
