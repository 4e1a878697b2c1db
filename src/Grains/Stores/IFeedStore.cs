namespace Playbound.Grains.Stores;

/// <summary>
/// Home timeline entries (user, post, author, and for a repost the reposter and repost id), the feeds' only state: a
/// feed reads its pages from here, newest entry first. A feed holds a post at most once: a repost of a post already
/// there (from its author or an earlier repost) is not added. Fan-out writes
/// a post into many feeds with one store write per page of followers; every write is idempotent, so a redelivered
/// fan-out leaves each feed with the post once.
/// </summary>
public interface IFeedStore
{
    /// <summary>Adds <paramref name="postId"/> by <paramref name="authorId"/> to each of <paramref name="userIds"/>' feeds.</summary>
    Task AddToFeedsAsync(string postId, string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="repost"/> to each of <paramref name="userIds"/>' feeds that does not hold its post yet.</summary>
    Task AddRepostToFeedsAsync(RepostRecord repost, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>A feed's entries, newest first, older than position <paramref name="beforePosition"/> when given.</summary>
    Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePosition, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure <paramref name="userId"/>'s feed holds its entries: a store that can lose them (a cache such as Redis)
    /// rebuilds a lost or never-built feed from the follows and posts; a database holding the entries durably has
    /// nothing to do. Returns whether the feed was rebuilt.
    /// </summary>
    Task<bool> EnsureBuiltAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Copies the <paramref name="count"/> newest posts of <paramref name="authorId"/> into <paramref name="userId"/>'s feed (follow).</summary>
    Task BackfillAsync(string userId, string authorId, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the <paramref name="count"/> newest posts and reposts of <paramref name="authorId"/> into every follower's
    /// feed (the author stopped being a celebrity).
    /// </summary>
    Task BackfillFollowersAsync(string authorId, int count, CancellationToken cancellationToken);

    /// <summary>Removes every post and repost of <paramref name="authorId"/> from <paramref name="userId"/>'s feed (unfollow).</summary>
    Task RemoveAuthorAsync(string userId, string authorId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes <paramref name="authorId"/>'s post from every feed (delete), those it entered through a repost too; the
    /// post's repost rows must still be there.
    /// </summary>
    Task RemovePostAsync(string postId, string authorId, CancellationToken cancellationToken);

    /// <summary>Removes the post from the feeds of <paramref name="reposterId"/>'s followers that have it through that user's repost (undo).</summary>
    Task RemoveRepostAsync(string postId, string reposterId, CancellationToken cancellationToken);

    /// <summary>Keeps only the <paramref name="keep"/> newest entries of a feed.</summary>
    Task TrimAsync(string userId, int keep, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="userId"/>'s whole feed (the account is deleted).</summary>
    Task ClearAsync(string userId, CancellationToken cancellationToken);
}
