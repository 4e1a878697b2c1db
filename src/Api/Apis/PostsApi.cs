using Microsoft.AspNetCore.Http.HttpResults;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Api.Validation;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>Posts, likes and comments. The post grain decides ownership: only the author may delete (403 otherwise).</summary>
public static class PostsApi
{
    /// <summary>Maps <c>/api/v1/posts</c>.</summary>
    public static RouteGroupBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/posts", "Posts");

        api.MapPost("", CreatePost);
        api.MapGet("/{postId}", GetPost).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{postId}", DeletePost).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{postId}/like", Like).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{postId}/like", Unlike).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{postId}/comments", AddComment).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{postId}/comments", GetComments).ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>Publishes a post by the caller: 201, or 400 for bad text or a <c>replyTo</c> that does not exist.</summary>
    public static async Task<Results<Created<PostView>, ValidationProblem>> CreatePost(CreatePostRequest request, [AsParameters] GrainServices services)
    {
        var errors = new ValidationErrors();
        var text = InputRules.Text(request.Text, "text", 1, InputRules.TextMaxLength, multiline: true, errors);
        if (request.ReplyTo is not null && !InputRules.IsWellFormedId(request.ReplyTo))
        {
            errors.Add("replyTo", "No such post.");
        }

        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var me = services.Me;
        if (request.ReplyTo is not null && await services.Grain<IPostGrain>(request.ReplyTo).Get(me) is null)
        {
            return ValidationErrors.Single("replyTo", "No such post.");
        }

        var post = await services.Grain<IUserPostsGrain>(me).Publish(text!, request.ReplyTo);
        return TypedResults.Created($"/api/v1/posts/{post.PostId}", post);
    }

    /// <summary>A post as the caller sees it; 404 when missing, deleted, or written by someone who blocks the caller.</summary>
    public static async Task<Results<Ok<PostView>, ProblemHttpResult>> GetPost(string postId, [AsParameters] GrainServices services) =>
        await VisiblePostAsync(postId, services) is { } post ? TypedResults.Ok(post) : NoSuchPost();

    /// <summary>Deletes the caller's post: 204, 403 when someone else wrote it, 404 when missing.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePost(string postId, [AsParameters] GrainServices services) =>
        InputRules.IsWellFormedId(postId) ? Outcome(await services.Grain<IPostGrain>(postId).Delete(services.Me)) : NoSuchPost();

    /// <summary>The caller likes the post (counts once): 204, 404 when missing.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Like(string postId, [AsParameters] GrainServices services) =>
        InputRules.IsWellFormedId(postId) ? Outcome(await services.Grain<IPostGrain>(postId).Like(services.Me)) : NoSuchPost();

    /// <summary>The caller takes back their like: 204 (also when there was none), 404 when the post is missing.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Unlike(string postId, [AsParameters] GrainServices services) =>
        InputRules.IsWellFormedId(postId) ? Outcome(await services.Grain<IPostGrain>(postId).Unlike(services.Me)) : NoSuchPost();

    /// <summary>Comments as the caller: 201, 400 for bad text, 404 when the post is missing.</summary>
    public static async Task<Results<Created<CommentView>, ValidationProblem, ProblemHttpResult>> AddComment(
        string postId, CreateCommentRequest request, [AsParameters] GrainServices services)
    {
        if (!InputRules.IsWellFormedId(postId))
        {
            return NoSuchPost();
        }

        var errors = new ValidationErrors();
        var text = InputRules.Text(request.Text, "text", 1, InputRules.TextMaxLength, multiline: true, errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        return await services.Grain<IPostGrain>(postId).AddComment(services.Me, text!) is { } comment
            ? TypedResults.Created($"/api/v1/posts/{postId}/comments", comment)
            : NoSuchPost();
    }

    /// <summary>A page of the post's comments, oldest first; 404 when the post is missing.</summary>
    public static async Task<Results<Ok<PageResponse<CommentView>>, ValidationProblem, ProblemHttpResult>> GetComments(
        string postId, [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        if (!InputRules.IsWellFormedId(postId))
        {
            return NoSuchPost();
        }

        if (!query.TryRead(services.Cursors, ListKind.Comments, postId, out var page, out var problem))
        {
            return problem;
        }

        var relations = await services.MyRelationsAsync();
        if (await VisiblePostAsync(postId, services, relations) is null
            || await services.Grain<IPostGrain>(postId).GetComments(page.Limit, page.Cursor) is not { } comments)
        {
            return NoSuchPost();
        }

        // Comments of users who block the caller are left out; the cursor still moves past them.
        var visible = comments with { Items = [.. comments.Items.Where(c => !relations.BlockedBy.Contains(c.AuthorId))] };
        return TypedResults.Ok(visible.ToResponse(services.Cursors, ListKind.Comments, postId));
    }

    /// <summary>The post as the caller sees it, or null when it is missing, deleted, or its author blocks the caller.</summary>
    internal static async Task<PostView?> VisiblePostAsync(string postId, GrainServices services, Relations? relations = null)
    {
        if (!InputRules.IsWellFormedId(postId) || await services.Grain<IPostGrain>(postId).Get(services.Me) is not { } post)
        {
            return null;
        }

        relations ??= await services.MyRelationsAsync();
        return relations.BlockedBy.Contains(post.AuthorId) ? null : post;
    }

    internal static Results<NoContent, ProblemHttpResult> Outcome(PostOutcome outcome) => outcome switch
    {
        PostOutcome.Done => TypedResults.NoContent(),
        PostOutcome.Forbidden => ApiProblems.Forbidden("The post belongs to someone else."),
        _ => NoSuchPost(),
    };

    internal static ProblemHttpResult NoSuchPost() => ApiProblems.NotFound("No such post.");
}
