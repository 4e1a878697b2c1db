namespace Playbound.Grains;

/// <summary>
/// A change in a post's life, on stream <see cref="StreamNamespaces.Posts"/> keyed by the author, so the publish and
/// the delete of one post reach the fan-out worker in that order; a repost and its undoing are keyed by the reposter,
/// whose followers' feeds they change.
/// </summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
[GenerateSerializer, Alias("playbound.PostEvent")]
public abstract record PostEvent([property: Id(0)] string PostId, [property: Id(1)] string AuthorId);

/// <summary>A post was created (written with the post's state): fan it out to the followers' feeds.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
/// <param name="CreatedAt">When it was posted.</param>
/// <param name="Tags">
/// The post's hashtags, which the fan-out indexes for tag pages. Added after the first version: an event written
/// before it (still in a queue during an upgrade) reads as null, and the fan-out then parses the post's text.
/// </param>
[GenerateSerializer, Alias("playbound.PostPublished")]
public sealed record PostPublished(
    string PostId, string AuthorId, [property: Id(0)] DateTimeOffset CreatedAt, [property: Id(1)] IReadOnlyList<string>? Tags)
    : PostEvent(PostId, AuthorId)
{
    /// <summary>Equal when every field is, the tags compared item by item (null, "written before tags", only equals null).</summary>
    public bool Equals(PostPublished? other) =>
        base.Equals(other)
        && CreatedAt == other.CreatedAt
        && (Tags is null ? other.Tags is null : other.Tags is not null && Tags.SequenceEqual(other.Tags));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), CreatedAt, Tags?.Count);
}

/// <summary>A post was deleted (written with the post's state): make sure it is gone from the index and every feed.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
[GenerateSerializer, Alias("playbound.PostDeleted")]
public sealed record PostDeleted(string PostId, string AuthorId) : PostEvent(PostId, AuthorId);

/// <summary>A user reposted a post (written with the repost row): put it into the reposter's followers' feeds.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
/// <param name="ReposterId">Who reposted it; the stream's key.</param>
/// <param name="RepostId">The repost's id, its position in the feeds it enters.</param>
/// <param name="RepostedAt">When.</param>
[GenerateSerializer, Alias("playbound.PostReposted")]
public sealed record PostReposted(
    string PostId, string AuthorId, [property: Id(0)] string ReposterId, [property: Id(1)] string RepostId, [property: Id(2)] DateTimeOffset RepostedAt)
    : PostEvent(PostId, AuthorId);

/// <summary>A user undid a repost: the feeds that had the post only through it lose it.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
/// <param name="ReposterId">Who had reposted it; the stream's key.</param>
[GenerateSerializer, Alias("playbound.RepostUndone")]
public sealed record RepostUndone(string PostId, string AuthorId, [property: Id(0)] string ReposterId) : PostEvent(PostId, AuthorId);
