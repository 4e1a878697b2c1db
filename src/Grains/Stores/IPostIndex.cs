namespace Playbound.Grains.Stores;

/// <summary>The posts table, by author, newest first; the author's post counter is updated in the same transaction.</summary>
public interface IPostIndex
{
    /// <summary>Stores a post and indexes it under <paramref name="tags"/> (its hashtags, parsed when it was written) and its words; idempotent.</summary>
    Task AddAsync(PostRecord post, IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>Removes a post; idempotent. Returns whether it existed.</summary>
    Task<bool> RemoveAsync(string postId, CancellationToken cancellationToken);

    /// <summary>The post row, or null.</summary>
    Task<PostRecord?> GetAsync(string postId, CancellationToken cancellationToken);

    /// <summary>An author's posts, newest first, older than <paramref name="beforePostId"/> when given.</summary>
    Task<IReadOnlyList<PostRecord>> GetByAuthorAsync(string authorId, int limit, string? beforePostId, CancellationToken cancellationToken);

    /// <summary>
    /// The newest <paramref name="limit"/> posts of <paramref name="userId"/> and everyone they follow, as feed entries:
    /// the timeline a feed store that lost its entries rebuilds from.
    /// </summary>
    Task<IReadOnlyList<FeedEntry>> GetTimelineAsync(string userId, int limit, CancellationToken cancellationToken);
}
