namespace Playbound.Grains.Stores;

/// <summary>
/// Tag pages and search, over what <see cref="IPostIndex"/> and <see cref="IUserDirectory"/> index when they write:
/// post ids newest first (keyset-paged by post id, so posts arriving while a client pages never shift a page) and
/// users best match first.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Ids of the posts tagged <paramref name="tag"/> (lower-cased), newest first, older than <paramref name="beforePostId"/> when given.</summary>
    Task<IReadOnlyList<string>> GetTaggedAsync(string tag, int limit, string? beforePostId, CancellationToken cancellationToken);

    /// <summary>Ids of the posts holding every one of <paramref name="words"/> (<see cref="Words.Of"/>), newest first.</summary>
    Task<IReadOnlyList<string>> FindPostsAsync(IReadOnlyList<string> words, int limit, string? beforePostId, CancellationToken cancellationToken);

    /// <summary>
    /// Users whose handle, display name or a word of it starts with <paramref name="prefix"/> (lower-cased): an equal
    /// handle first, then other handles, then display names, each by handle; after <paramref name="after"/> when given.
    /// </summary>
    Task<IReadOnlyList<UserMatch>> FindUsersAsync(string prefix, int limit, UserMatch? after, CancellationToken cancellationToken);

    /// <summary>
    /// Indexes up to <paramref name="limit"/> posts that have no search rows (written before search existed), in post
    /// id order after <paramref name="afterPostId"/>, parsing their tags and words now. Idempotent.
    /// </summary>
    /// <returns>The last post id indexed and how many were, or null when no post was left unindexed.</returns>
    Task<(string LastPostId, int Count)?> IndexUnsearchedAsync(string? afterPostId, int limit, CancellationToken cancellationToken);
}

/// <summary>A user found by <see cref="ISearchIndex.FindUsersAsync"/>.</summary>
/// <param name="Rank">0: the handle is the query; 1: the handle starts with it; 2: the display name or one of its words does.</param>
/// <param name="Handle">The handle, the order within a rank.</param>
/// <param name="UserId">The user.</param>
/// <param name="DisplayName">The display name.</param>
public sealed record UserMatch(int Rank, string Handle, string UserId, string DisplayName);
