namespace Playbound.Grains;

/// <summary>A post as clients see it.</summary>
/// <param name="PostId">The time-sortable post id.</param>
/// <param name="AuthorId">The author's user id.</param>
/// <param name="AuthorHandle">The author's handle when the post was written.</param>
/// <param name="Text">The trimmed text.</param>
/// <param name="ReplyTo">The post this one replies to, if any.</param>
/// <param name="CreatedAt">When it was posted.</param>
/// <param name="Likes">How many users like it.</param>
/// <param name="Comments">How many comments it has.</param>
/// <param name="LikedByMe">Whether the viewing user likes it.</param>
public sealed record PostView(
    string PostId, string AuthorId, string AuthorHandle, string Text, string? ReplyTo, DateTimeOffset CreatedAt,
    long Likes, long Comments, bool LikedByMe);

/// <summary>A comment as clients see it.</summary>
/// <param name="CommentId">The time-sortable comment id.</param>
/// <param name="PostId">The commented post.</param>
/// <param name="AuthorId">The commenter's user id.</param>
/// <param name="AuthorHandle">The commenter's handle.</param>
/// <param name="Text">The trimmed text.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record CommentView(string CommentId, string PostId, string AuthorId, string AuthorHandle, string Text, DateTimeOffset CreatedAt);

/// <summary>Like and comment counts of a post.</summary>
/// <param name="PostId">The post.</param>
/// <param name="Likes">Its likes.</param>
/// <param name="Comments">Its comments.</param>
public sealed record PostCounts(string PostId, long Likes, long Comments);

/// <summary>The outcome of a request that needs the post to exist and, for some, to be the caller's.</summary>
public enum PostOutcome
{
    /// <summary>Done (idempotently: liking twice counts once).</summary>
    Done,

    /// <summary>No such post, or it was deleted.</summary>
    NotFound,

    /// <summary>The post belongs to someone else.</summary>
    Forbidden,
}

/// <summary>What <see cref="IUserPostsGrain.Publish"/> hands <see cref="IPostGrain.Create"/>: the post's content, resolved.</summary>
/// <param name="AuthorId">The author's user id.</param>
/// <param name="AuthorHandle">The author's handle.</param>
/// <param name="Text">The trimmed text.</param>
/// <param name="ReplyTo">The post this one replies to, if any.</param>
/// <param name="CreatedAt">When it was posted.</param>
/// <param name="MentionedUserIds">The users mentioned with @handle (author excluded), each to be notified.</param>
public sealed record PostDraft(
    string AuthorId, string AuthorHandle, string Text, string? ReplyTo, DateTimeOffset CreatedAt, IReadOnlyList<string> MentionedUserIds);
