namespace Playbound.Grains.Posts.Views;

/// <summary>
/// Tells every silo's <see cref="PostViewCache"/> that a post changed (liked, unliked, commented, deleted). Embedded
/// mode has one silo and forgets the view in place; cluster mode also publishes the change to the other silos.
/// </summary>
public interface IPostViewInvalidator
{
    /// <summary>Invalidates <paramref name="postId"/>'s view on every silo; returns once this silo's is gone and the others are told.</summary>
    Task InvalidateAsync(string postId);
}

/// <summary>The single silo's invalidator: its own cache is all there is.</summary>
internal sealed class LocalPostViewInvalidator(PostViewCache cache) : IPostViewInvalidator
{
    /// <inheritdoc />
    public Task InvalidateAsync(string postId)
    {
        cache.Invalidate(postId);
        return Task.CompletedTask;
    }
}
