using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// A user's home timeline (key: user id): posts of followees and the user's own, newest first, at most
/// <c>Playbound:Feed:MaxEntries</c>. Normal authors' posts are fanned out into it on write; celebrities' posts
/// are merged in at read time.
/// </summary>
[Alias("playbound.IFeedGrain")]
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// A page of the timeline, newest first, hydrated as the owner sees the posts. Read-only: pages interleave, and one
    /// that failed because a silo it reached vanished is retried (its rebuild and trim are idempotent).
    /// </summary>
    [Alias("GetPage"), ReadOnly]
    Task<Page<PostView>> GetPage(int limit, string? cursor);

    /// <summary>The followed authors or the owner's blocks and mutes changed (follow, unfollow, block, mute, an author crossing the celebrity threshold): ask again on the next read.</summary>
    [Alias("Invalidate")]
    Task Invalidate();
}
