namespace Playbound.Grains.Stores;

/// <summary>Reposts: one row per (post, user), its id from the time-sortable id generator, so newest first is by id.</summary>
public interface IRepostStore
{
    /// <summary>Stores <paramref name="repost"/> unless the user already reposted the post; returns whether it was new.</summary>
    Task<bool> AddAsync(RepostRecord repost, CancellationToken cancellationToken);

    /// <summary>Removes the user's repost of the post; returns whether there was one.</summary>
    Task<bool> RemoveAsync(string postId, string userId, CancellationToken cancellationToken);

    /// <summary>Every repost of the post.</summary>
    Task<IReadOnlyList<RepostRecord>> GetByPostAsync(string postId, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="postIds"/> <paramref name="userId"/> reposted: one query for a page of posts.</summary>
    Task<IReadOnlyCollection<string>> GetRepostedAmongAsync(string userId, IReadOnlyList<string> postIds, CancellationToken cancellationToken);

    /// <summary>The users who reposted the post, newest repost first; the cursor is the last repost id of the previous page.</summary>
    Task<Page<UserSummary>> ListRepostersAsync(string postId, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>The user's reposts, newest first, older than <paramref name="beforeRepostId"/> when given.</summary>
    Task<IReadOnlyList<RepostRecord>> GetByUserAsync(string userId, int limit, string? beforeRepostId, CancellationToken cancellationToken);

    /// <summary>The newest reposts by the users <paramref name="userId"/> follows, newest first (a lost feed's rebuild).</summary>
    Task<IReadOnlyList<RepostRecord>> GetTimelineAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Removes every repost of a deleted post.</summary>
    Task RemovePostAsync(string postId, CancellationToken cancellationToken);
}

/// <summary>A repost row.</summary>
/// <param name="RepostId">Its id: also the time it entered its reposter's followers' feeds.</param>
/// <param name="PostId">The reposted post.</param>
/// <param name="AuthorId">The post's author.</param>
/// <param name="UserId">Who reposted it.</param>
/// <param name="RepostedAt">When.</param>
public sealed record RepostRecord(string RepostId, string PostId, string AuthorId, string UserId, DateTimeOffset RepostedAt);
