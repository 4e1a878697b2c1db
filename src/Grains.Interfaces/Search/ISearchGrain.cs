using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>
/// Tag pages and search (api.md, "Hashtags and search"). A stateless worker: any silo answers from the search index
/// and hydrates through its own post view cache, so use key 0. Posts of users the viewer blocks or is blocked by,
/// and users who block the viewer, are left out.
/// </summary>
[Alias("playbound.ISearchGrain")]
public interface ISearchGrain : IGrainWithIntegerKey
{
    /// <summary>Posts tagged <paramref name="tag"/> (<see cref="Hashtags.IsTag"/>, any case), newest first, as <paramref name="viewerId"/> sees them.</summary>
    [Alias("GetTagged"), ReadOnly]
    Task<Page<PostView>> GetTagged(string tag, int limit, string? cursor, string viewerId);

    /// <summary>Posts holding every word of <paramref name="query"/> (<see cref="Words.Of"/>, the first <see cref="Words.MaxQueryWords"/>), newest first.</summary>
    [Alias("FindPosts"), ReadOnly]
    Task<Page<PostView>> FindPosts(string query, int limit, string? cursor, string viewerId);

    /// <summary>Users whose handle or display name (or a word of it) starts with <paramref name="query"/>, best match first, as <paramref name="viewerId"/> sees them.</summary>
    [Alias("FindUsers"), ReadOnly]
    Task<Page<UserSummary>> FindUsers(string query, int limit, string? cursor, string viewerId);
}
