using System.Diagnostics.Metrics;
using Playbound.Grains.Diagnostics;

namespace Playbound.Grains.Stores.Sql;

/// <summary>
/// An <see cref="IFeedStore"/> that keeps the newest entries of each feed it has read (its head, <see cref="FeedHeads"/>)
/// in memory, in front of a store whose database file only this process writes (the embedded SQLite file). A feed page
/// is read far more often than its feed changes, and its query cost more than the rest of the page (measured: reads
/// 15 k → 26 k req/s). Every write goes through this class, which forgets the heads it may have changed once the write
/// is over: the feeds it names, or all heads for a write that reaches feeds it does not name (a deleted post, an
/// undone repost, a backfill of all followers). Its reads are counted on <see cref="FeedMetrics.MeterName"/>, as
/// <see cref="ReadsName"/> by <c>result</c>: <c>hit</c> (from memory), <c>miss</c> (the head read from the store) or
/// <c>past</c> (a later or larger page than the head answers, from the store).
/// </summary>
internal sealed class FeedHeadCache(IFeedStore store, FeedHeads heads) : IFeedStore, IDisposable
{
    /// <summary>The read counter's name.</summary>
    public const string ReadsName = "playbound.feed.head.reads";

    // Static, as Orleans keeps its instruments: the stores are built without the host's meter factory in their tests.
    private static readonly Counter<long> Reads = new Meter(FeedMetrics.MeterName).CreateCounter<long>(
        ReadsName, "{read}", "Embedded feed page reads by result: hit (the feed's head in memory), miss (the head read from the store), past (a page beyond the head, from the store).");

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");
    private static readonly KeyValuePair<string, object?> Past = new("result", "past");

    private int _disposed;

    /// <inheritdoc />
    public async Task<IReadOnlyList<FeedEntry>> GetEntriesAsync(string userId, int limit, string? beforePosition, CancellationToken cancellationToken)
    {
        SocialValues.Limit(limit);
        var before = SocialValues.OptionalId(beforePosition, nameof(beforePosition));
        if (limit < heads.Size && heads.TryRead(userId, limit, before) is { } page)
        {
            Reads.Add(1, Hit);
            return page;
        }

        // A first page that missed reads the whole head; a later page, or a larger one, goes to the store.
        if (limit < heads.Size && before is null)
        {
            var begun = heads.Begin(userId);
            var head = await store.GetEntriesAsync(userId, heads.Size, null, cancellationToken).ConfigureAwait(false);
            heads.Keep(userId, begun, head);
            Reads.Add(1, Miss);
            return head.Count > limit ? [.. head.Take(limit)] : head;
        }

        Reads.Add(1, Past);
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
