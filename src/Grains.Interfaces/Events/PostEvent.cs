using System.Text.Json.Serialization;

namespace Playbound.Grains;

/// <summary>
/// A change in a post's life, on stream <see cref="StreamNamespaces.Posts"/> keyed by the author, so the publish and
/// the delete of one post reach the fan-out worker in that order.
/// </summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(PostPublished), "published")]
[JsonDerivedType(typeof(PostDeleted), "deleted")]
public abstract record PostEvent(string PostId, string AuthorId);

/// <summary>A post was created (written with the post's state): fan it out to the followers' feeds.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
/// <param name="CreatedAt">When it was posted.</param>
public sealed record PostPublished(string PostId, string AuthorId, DateTimeOffset CreatedAt) : PostEvent(PostId, AuthorId);

/// <summary>A post was deleted (written with the post's state): make sure it is gone from the index and every feed.</summary>
/// <param name="PostId">The post.</param>
/// <param name="AuthorId">Its author.</param>
public sealed record PostDeleted(string PostId, string AuthorId) : PostEvent(PostId, AuthorId);
