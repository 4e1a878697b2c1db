using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// One post (key: post id). A hot post is one in-memory activation: likes and comments are counted here, so they
/// never contend on a database row.
/// </summary>
[Alias("playbound.IPostGrain")]
public interface IPostGrain : IGrainWithStringKey
{
    /// <summary>
    /// Internal (called by <see cref="IUserPostsGrain.Publish"/>, not by the Api): creates the post from
    /// <paramref name="draft"/>, storing it together with its <see cref="PostPublished"/> event and the mention
    /// notifications; idempotent (a post that exists is returned unchanged).
    /// </summary>
    [Alias("Create")]
    Task<PostView> Create(PostDraft draft);

    /// <summary>The post as <paramref name="viewerId"/> sees it, or null when it does not exist or was deleted.</summary>
    [Alias("Get")]
    [ReadOnly]
    Task<PostView?> Get(string? viewerId);

    /// <summary>Deletes the post if <paramref name="requesterId"/> wrote it; it then vanishes from every feed.</summary>
    [Alias("Delete")]
    Task<PostOutcome> Delete(string requesterId);

    /// <summary>
    /// Reposts the post as <paramref name="userId"/>: idempotent (a repeat changes nothing but makes sure the repost's
    /// fan-out event was sent); NotFound when the post is missing or its author blocks the user.
    /// </summary>
    [Alias("Repost")]
    Task<PostOutcome> Repost(string userId);

    /// <summary>Undoes <paramref name="userId"/>'s repost, if any; the feeds that had the post only through it lose it.</summary>
    [Alias("Unrepost")]
    Task<PostOutcome> Unrepost(string userId);

    /// <summary>The users who reposted the post, newest first; null when the post does not exist.</summary>
    [Alias("GetReposters")]
    [ReadOnly]
    Task<Page<UserSummary>?> GetReposters(int limit, string? cursor);

    /// <summary>Adds <paramref name="userId"/>'s like; a user's like counts once.</summary>
    [Alias("Like")]
    Task<PostOutcome> Like(string userId);

    /// <summary>Removes <paramref name="userId"/>'s like, if any.</summary>
    [Alias("Unlike")]
    Task<PostOutcome> Unlike(string userId);

    /// <summary>Adds a comment; null when the post does not exist.</summary>
    [Alias("AddComment")]
    Task<CommentView?> AddComment(string authorId, string text);

    /// <summary>Comments, oldest first; null when the post does not exist.</summary>
    [Alias("GetComments")]
    [ReadOnly]
    Task<Page<CommentView>?> GetComments(int limit, string? cursor);

    /// <summary>The like and comment counts; null when the post does not exist.</summary>
    [Alias("GetCounts")]
    [ReadOnly]
    Task<PostCounts?> GetCounts();

    /// <summary>Internal (account deletion): removes <paramref name="userId"/>'s like, comments and repost of this post, deleted or not. Idempotent.</summary>
    [Alias("ForgetUser")]
    Task ForgetUser(string userId);
}
