namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// An <see cref="IFeedStore"/> that keeps the newest entries of each feed it has read (its head, <see cref="FeedHeads"/>)
/// in memory, in front of a store whose database file only this process writes (the embedded SQLite file). A feed page
/// is read far more often than its feed changes, and its query cost more than the rest of the page (measured: reads
/// 15 k → 26 k req/s). Every write goes through this class, which forgets the heads it may have changed once the write
/// is over: the feeds it names, or all heads for a write that reaches feeds it does not name (a deleted post, an
/// undone repost, a backfill of all followers).
/// </summary>
internal sealed class FeedHeadCache(IFeedStore store, FeedHeads heads) : IFeedStore, IDisposable
{
    private int _disposed;

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePosition, CancellationToken cancellationToken)
    {
        SocialValues.Limit(limit);
        var before = SocialValues.OptionalId(beforePosition, nameof(beforePosition));
        if (limit < heads.Size && heads.TryRead(userId, limit, before) is { } page)
        {
            return page;
        }

        // A first page that missed reads the whole head; a later page, or a larger one, goes to the store.
        if (limit < heads.Size && before is null)
        {
            var begun = heads.Begin(userId);
            var head = await store.GetEntriesAsync(userId, heads.Size, null, cancellationToken).ConfigureAwait(false);
            heads.Keep(userId, begun, head);
            return head.Count > limit ? [.. head.Take(limit)] : head;
        }

        return await store.GetEntriesAsync(userId, limit, beforePosition, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task AddToFeedsAsync(string postId, string authorId, IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        ThenForget(store.AddToFeedsAsync(postId, authorId, userIds, cancellationToken), userIds);

    /// <inheritdoc />
    public Task AddRepostToFeedsAsync(RepostRecord repost, IReadOnlyList<string> userIds, CancellationToken cancellationToken) =>
        ThenForget(store.AddRepostToFeedsAsync(repost, userIds, cancellationToken), userIds);

    /// <inheritdoc />
    public Task<bool> EnsureBuiltAsync(string userId, CancellationToken cancellationToken) => store.EnsureBuiltAsync(userId, cancellationToken);

    /// <inheritdoc />
    public Task BackfillAsync(string userId, string authorId, int count, CancellationToken cancellationToken) =>
        ThenForget(store.BackfillAsync(userId, authorId, count, cancellationToken), [userId]);

    /// <inheritdoc />
    public Task BackfillFollowersAsync(string authorId, int count, CancellationToken cancellationToken) =>
        ThenForget(store.BackfillFollowersAsync(authorId, count, cancellationToken), null);

    /// <inheritdoc />
    public Task RemoveAuthorAsync(string userId, string authorId, CancellationToken cancellationToken) =>
        ThenForget(store.RemoveAuthorAsync(userId, authorId, cancellationToken), [userId]);

    /// <inheritdoc />
    public Task RemovePostAsync(string postId, string authorId, CancellationToken cancellationToken) =>
        ThenForget(store.RemovePostAsync(postId, authorId, cancellationToken), null);

    /// <inheritdoc />
    public Task RemoveRepostAsync(string postId, string reposterId, CancellationToken cancellationToken) =>
        ThenForget(store.RemoveRepostAsync(postId, reposterId, cancellationToken), null);

    /// <inheritdoc />
    public Task TrimAsync(string userId, int keep, CancellationToken cancellationToken) =>
        ThenForget(store.TrimAsync(userId, keep, cancellationToken), [userId]);

    /// <inheritdoc />
    public Task ClearAsync(string userId, CancellationToken cancellationToken) =>
        ThenForget(store.ClearAsync(userId, cancellationToken), [userId]);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            heads.Release();
        }
    }

    /// <summary>Forgets the heads of <paramref name="userIds"/> (all heads when null) once <paramref name="write"/> is over, failed or not.</summary>
    private async Task ThenForget(Task write, IReadOnlyList<string>? userIds)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            heads.Forget(userIds);
        }
    }
}
