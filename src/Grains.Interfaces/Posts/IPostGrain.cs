using Playbound.Runtime;

namespace Playbound.Grains;

/// <summary>
/// One post (key: post id). A hot post is one in-memory activation: likes and comments are counted here, so they
/// never contend on a database row.
/// </summary>
public interface IPostGrain : IGrainWithStringKey
{
    /// <summary>
    /// Internal (called by <see cref="IUserPostsGrain.Publish"/>, not by the Api): creates the post from
    /// <paramref name="draft"/>, storing it together with its <see cref="PostPublished"/> event and the mention
    /// notifications; idempotent (a post that exists is returned unchanged).
    /// </summary>
    Task<PostView> Create(PostDraft draft);

    /// <summary>The post as <paramref name="viewerId"/> sees it, or null when it does not exist or was deleted.</summary>
    [ReadOnly]
    Task<PostView?> Get(string? viewerId);

    /// <summary>Deletes the post if <paramref name="requesterId"/> wrote it; it then vanishes from every feed.</summary>
    Task<PostOutcome> Delete(string requesterId);

    /// <summary>Adds <paramref name="userId"/>'s like; a user's like counts once.</summary>
    Task<PostOutcome> Like(string userId);

    /// <summary>Removes <paramref name="userId"/>'s like, if any.</summary>
    Task<PostOutcome> Unlike(string userId);

    /// <summary>Adds a comment; null when the post does not exist.</summary>
    Task<CommentView?> AddComment(string authorId, string text);

    /// <summary>Comments, oldest first; null when the post does not exist.</summary>
    [ReadOnly]
    Task<Page<CommentView>?> GetComments(int limit, string? cursor);

    /// <summary>The like and comment counts; null when the post does not exist.</summary>
    [ReadOnly]
    Task<PostCounts?> GetCounts();
}
