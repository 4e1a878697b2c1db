using System.Text.Json.Serialization;

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
/// <param name="Tags">Its hashtags (<see cref="Hashtags.Parse"/>), lower-cased, each once, in order of first appearance.</param>
/// <param name="Reposts">How many users reposted it.</param>
/// <param name="RepostedByMe">Whether the viewing user reposted it.</param>
/// <param name="RepostedBy">
/// In a home feed: the followed user whose repost brought it there; otherwise null, and then left out of the JSON.
/// </param>
/// <param name="RepostedAt">In a home feed: when <paramref name="RepostedBy"/> reposted it; otherwise null (left out).</param>
/// <remarks>
/// <see cref="ImmutableAttribute">Immutable</see>: a view is never changed once made (a change is a new view, made
/// with <c>with</c>), so a call within a silo hands it over as it is instead of deep-copying it, tags included.
/// </remarks>
[GenerateSerializer, Immutable, Alias("playbound.PostView")]
public sealed record PostView(
    [property: Id(0)] string PostId,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string AuthorHandle,
    [property: Id(3)] string Text,
    [property: Id(4)] string? ReplyTo,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] long Likes,
    [property: Id(7)] long Comments,
    [property: Id(8)] bool LikedByMe,
    [property: Id(9), JsonPropertyOrder(1)] IReadOnlyList<string> Tags,
    [property: Id(10)] long Reposts = 0,
    [property: Id(11)] bool RepostedByMe = false,
    [property: Id(12), JsonPropertyOrder(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UserSummary? RepostedBy = null,
    [property: Id(13), JsonPropertyOrder(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RepostedAt = null)
{
    /// <summary>Equal when every field is, the tags compared item by item (a copy from another silo is a different list).</summary>
    public bool Equals(PostView? other) =>
        other is not null
        && (PostId, AuthorId, AuthorHandle, Text, ReplyTo, CreatedAt, Likes, Comments, LikedByMe, Reposts, RepostedByMe)
            == (other.PostId, other.AuthorId, other.AuthorHandle, other.Text, other.ReplyTo, other.CreatedAt, other.Likes, other.Comments, other.LikedByMe,
                other.Reposts, other.RepostedByMe)
        && RepostedBy == other.RepostedBy && RepostedAt == other.RepostedAt
        && Tags.SequenceEqual(other.Tags);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PostId, Text, Likes, Comments, LikedByMe, Tags.Count, Reposts, RepostedByMe);
}

/// <summary>A comment as clients see it.</summary>
/// <param name="CommentId">The time-sortable comment id.</param>
/// <param name="PostId">The commented post.</param>
/// <param name="AuthorId">The commenter's user id.</param>
/// <param name="AuthorHandle">The commenter's handle.</param>
/// <param name="Text">The trimmed text.</param>
/// <param name="CreatedAt">When it was written.</param>
[GenerateSerializer, Alias("playbound.CommentView")]
public sealed record CommentView(
    [property: Id(0)] string CommentId,
    [property: Id(1)] string PostId,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string AuthorHandle,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset CreatedAt);

/// <summary>Like and comment counts of a post, as <c>postUpdated</c> pushes them (api.md).</summary>
/// <param name="PostId">The post.</param>
/// <param name="Likes">Its likes.</param>
/// <param name="Comments">Its comments.</param>
[GenerateSerializer, Alias("playbound.PostCounts")]
public sealed record PostCounts([property: Id(0)] string PostId, [property: Id(1)] long Likes, [property: Id(2)] long Comments);

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
[GenerateSerializer, Alias("playbound.PostDraft")]
public sealed record PostDraft(
    [property: Id(0)] string AuthorId,
    [property: Id(1)] string AuthorHandle,
    [property: Id(2)] string Text,
    [property: Id(3)] string? ReplyTo,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] IReadOnlyList<string> MentionedUserIds);
