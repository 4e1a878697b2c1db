namespace Playbound.Api.Contracts;

/// <summary>The body of <c>POST /api/v1/posts</c>.</summary>
/// <param name="Text">1-500 characters after trimming.</param>
/// <param name="ReplyTo">The id of an existing post this one replies to, if any.</param>
public sealed record CreatePostRequest(string? Text, string? ReplyTo);

/// <summary>The body of <c>POST /api/v1/posts/{postId}/comments</c>.</summary>
/// <param name="Text">1-500 characters after trimming.</param>
public sealed record CreateCommentRequest(string? Text);
