using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// An author's own posts (key: author's user id), newest first: the profile page, the source of backfill when
/// someone follows the author, and the read side of celebrity fan-out.
/// </summary>
[Alias("playbound.IUserPostsGrain")]
public interface IUserPostsGrain : IGrainWithStringKey
{
    /// <summary>Publishes a post by this author (text validated at the Api) and starts its fan-out.</summary>
    [Alias("Publish")]
    Task<PostView> Publish(string text, string? replyTo);

    /// <summary>The author's posts, newest first, as <paramref name="viewerId"/> sees them.</summary>
    [Alias("GetPosts")]
    [ReadOnly]
    Task<Page<PostView>> GetPosts(int limit, string? cursor, string? viewerId);

    /// <summary>The ids of the author's most recent posts, newest first, older than <paramref name="beforePostId"/> when given.</summary>
    [Alias("GetRecentPostIds")]
    [ReadOnly]
    Task<IReadOnlyList<string>> GetRecentPostIds(int count, string? beforePostId);

    /// <summary>Internal (called by the fan-out worker, not by the Api): drops a deleted post from the cached recent ids.</summary>
    [Alias("ForgetPost")]
    Task ForgetPost(string postId);
}
