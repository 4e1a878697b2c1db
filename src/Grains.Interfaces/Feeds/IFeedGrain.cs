
namespace Playbound.Grains;

/// <summary>
/// A user's home timeline (key: user id): posts of followees and the user's own, newest first, at most
/// <c>Playbound:Feed:MaxEntries</c>. Normal authors' posts are fanned out into it on write; celebrities' posts
/// are merged in at read time.
/// </summary>
[Alias("playbound.IFeedGrain")]
public interface IFeedGrain : IGrainWithStringKey
{
    /// <summary>A page of the timeline, newest first, hydrated as the owner sees the posts.</summary>
    [Alias("GetPage")]
    Task<Page<PostView>> GetPage(int limit, string? cursor);

    /// <summary>A post just entered this feed (fan-out already stored it); keeps an active feed's memory current.</summary>
    [Alias("OnPostAdded")]
    Task OnPostAdded(string postId, string authorId);

    /// <summary>Entries changed in storage in bulk (follow backfill, unfollow, threshold crossing): reload on next read.</summary>
    [Alias("Invalidate")]
    Task Invalidate();
}
