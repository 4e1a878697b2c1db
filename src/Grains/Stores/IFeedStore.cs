namespace Playbound.Grains.Stores;

/// <summary>
/// Home timeline entries (user, post, author), the feeds' only state: a feed reads its pages from here. Fan-out writes
/// a post into many feeds with one store write per page of followers; every write is idempotent, so a redelivered
/// fan-out leaves each feed with the post once.
/// </summary>
public interface IFeedStore
{
    /// <summary>Adds <paramref name="postId"/> by <paramref name="authorId"/> to each of <paramref name="userIds"/>' feeds.</summary>
    Task AddToFeedsAsync(string postId, string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken);

    /// <summary>A feed's entries, newest first, older than <paramref name="beforePostId"/> when given.</summary>
    Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePostId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure <paramref name="userId"/>'s feed holds its entries: a store that can lose them (a cache such as Redis)
    /// rebuilds a lost or never-built feed from the follows and posts; a database holding the entries durably has
    /// nothing to do. Returns whether the feed was rebuilt.
    /// </summary>
    Task<bool> EnsureBuiltAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Copies the <paramref name="count"/> newest posts of <paramref name="authorId"/> into <paramref name="userId"/>'s feed (follow).</summary>
    Task BackfillAsync(string userId, string authorId, int count, CancellationToken cancellationToken);

    /// <summary>Copies the <paramref name="count"/> newest posts of <paramref name="authorId"/> into every follower's feed (the author stopped being a celebrity).</summary>
    Task BackfillFollowersAsync(string authorId, int count, CancellationToken cancellationToken);

    /// <summary>Removes every post of <paramref name="authorId"/> from <paramref name="userId"/>'s feed (unfollow).</summary>
    Task RemoveAuthorAsync(string userId, string authorId, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="authorId"/>'s post from every feed (delete).</summary>
    Task RemovePostAsync(string postId, string authorId, CancellationToken cancellationToken);

    /// <summary>Keeps only the <paramref name="keep"/> newest entries of a feed.</summary>
    Task TrimAsync(string userId, int keep, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="userId"/>'s whole feed (the account is deleted).</summary>
    Task ClearAsync(string userId, CancellationToken cancellationToken);
}
