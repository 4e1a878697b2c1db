namespace Playbound.Grains.Stores;

/// <summary>Likes and comments: one row each, so a hot post never contends on a single counter row.</summary>
public interface IEngagementStore
{
    /// <summary>Adds a like; returns whether it was new.</summary>
    Task<bool> AddLikeAsync(string postId, string userId, CancellationToken cancellationToken);

    /// <summary>Removes a like; returns whether it existed.</summary>
    Task<bool> RemoveLikeAsync(string postId, string userId, CancellationToken cancellationToken);

    /// <summary>Every user who likes the post (a post activation holds them in memory).</summary>
    Task<IReadOnlyCollection<string>> GetLikersAsync(string postId, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="postIds"/> <paramref name="userId"/> likes (one query for a page of posts).</summary>
    Task<IReadOnlyCollection<string>> GetLikedAmongAsync(string userId, IReadOnlyList<string> postIds, CancellationToken cancellationToken);

    /// <summary>Adds a comment; idempotent by comment id.</summary>
    Task AddCommentAsync(CommentRecord comment, CancellationToken cancellationToken);

    /// <summary>Comments, oldest first, after <paramref name="afterCommentId"/> when given.</summary>
    Task<IReadOnlyList<CommentRecord>> GetCommentsAsync(string postId, int limit, string? afterCommentId, CancellationToken cancellationToken);

    /// <summary>How many comments the post has.</summary>
    Task<long> CountCommentsAsync(string postId, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="authorId"/>'s comments on the post; returns how many there were.</summary>
    Task<int> RemoveCommentsAsync(string postId, string authorId, CancellationToken cancellationToken);

    /// <summary>Removes every like and comment of a deleted post.</summary>
    Task RemovePostAsync(string postId, CancellationToken cancellationToken);
}
