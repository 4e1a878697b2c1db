using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Api.Validation;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>
/// Post and user search. A query is text, never syntax: post search matches its words (letters, digits and
/// underscores; everything else only separates them), user search a prefix; both are checked here like any text field.
/// </summary>
public static class SearchApi
{
    /// <summary>Maps <c>/api/v1/search</c>.</summary>
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/search", "Search");

        api.MapGet("/posts", SearchPosts);
        api.MapGet("/users", SearchUsers);

        return api;
    }

    /// <summary>Posts holding every word of <c>q</c> (1-100 characters), newest first.</summary>
    public static async Task<Results<PostPageResult, ValidationProblem>> SearchPosts(
        [FromQuery(Name = "q")] string? q, [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        var errors = new ValidationErrors();
        var text = InputRules.Text(q, "q", 1, InputRules.PostQueryMaxLength, multiline: false, errors);
        if (text is null)
        {
            return errors.ToProblem();
        }

        // The cursor belongs to the set of words searched for, so "Async  #Rust" may continue a page of "rust async".
        var scope = string.Join(' ', Words.Of(text).Take(Words.MaxQueryWords).Order(StringComparer.Ordinal));
        if (!query.TryRead(services.Cursors, ListKind.PostSearch, scope, out var page, out var problem))
        {
            return problem;
        }

        var posts = await services.Grains.GetGrain<ISearchGrain>(0).FindPosts(scope, page.Limit, page.Cursor, services.Me);
        return new PostPageResult(posts.ToResponse(services.Cursors, ListKind.PostSearch, scope));
    }

    /// <summary>Users whose handle or display name (or a word of it) starts with <c>q</c> (1-50 characters), best match first.</summary>
    public static async Task<Results<Ok<PageResponse<UserSummary>>, ValidationProblem>> SearchUsers(
        [FromQuery(Name = "q")] string? q, [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        var errors = new ValidationErrors();
        var text = InputRules.Text(q, "q", 1, InputRules.UserQueryMaxLength, multiline: false, errors);
        if (text is null)
        {
            return errors.ToProblem();
        }

        var prefix = text.ToLowerInvariant();
        if (!query.TryRead(services.Cursors, ListKind.UserSearch, prefix, out var page, out var problem))
        {
            return problem;
        }

        var users = await services.Grains.GetGrain<ISearchGrain>(0).FindUsers(prefix, page.Limit, page.Cursor, services.Me);
        return TypedResults.Ok(users.ToResponse(services.Cursors, ListKind.UserSearch, prefix));
    }
}
