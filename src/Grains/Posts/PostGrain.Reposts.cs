using Playbound.Grains.Stores;
using Playbound.Grains.Streams;

namespace Playbound.Grains.Posts;

/// <summary>
/// Reposts of the post. The repost row is written first, then <see cref="PostReposted"/> on the reposter's post stream
/// (which puts the post into the reposter's followers' feeds); a repeated repost sends the event again, so a crash
/// between the two is mended by the client's retry, and the fan-out and the notification (its id is the repost's) are
/// idempotent. Undoing sends <see cref="RepostUndone"/> before the row goes, for the same reason.
/// </summary>
public sealed partial class PostGrain
{
    /// <inheritdoc />
    public async Task<PostOutcome> Repost(string userId)
    {
        if (!Exists || await IsBlockedByAuthorAsync(userId))
        {
            return PostOutcome.NotFound;
        }

        if (!_reposts.TryGetValue(userId, out var repost))
        {
            repost = new RepostRecord(ids.NewId(), PostId, State.AuthorId, userId, time.GetStoredUtcNow());
            await reposts.AddAsync(repost, CancellationToken.None);
            _reposts[userId] = repost;
            await CountsChangedAsync();
        }

        await RepostEvents(userId).OnNextAsync(new PostReposted(PostId, State.AuthorId, userId, repost.RepostId, repost.RepostedAt));
        if (userId != State.AuthorId && await directory.GetAsync(userId, CancellationToken.None) is { } reposter)
        {
            await this.GetEventStream<NotificationRequested>(StreamNamespaces.Notifications, State.AuthorId).OnNextAsync(
                new NotificationRequested(repost.RepostId, State.AuthorId, NotificationTypes.Repost, userId, reposter.Handle, PostId, repost.RepostedAt));
        }

        return PostOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<PostOutcome> Unrepost(string userId)
    {
        if (!Exists)
        {
            return PostOutcome.NotFound;
        }

        if (await UndoRepostAsync(userId))
        {
            await CountsChangedAsync();
        }

        return PostOutcome.Done;
    }

    /// <inheritdoc />
    public async Task<Page<UserSummary>?> GetReposters(int limit, string? cursor) =>
        Exists ? await reposts.ListRepostersAsync(PostId, limit, cursor, CancellationToken.None) : null;

    /// <summary>Takes back <paramref name="userId"/>'s repost, if there is one; returns whether there was.</summary>
    private async Task<bool> UndoRepostAsync(string userId)
    {
        // A deleted post holds no reposts in memory, but a row left behind (the deletion's fan-out removes them) goes too.
        if (_reposts.ContainsKey(userId))
        {
            await RepostEvents(userId).OnNextAsync(new RepostUndone(PostId, State.AuthorId, userId));
            _reposts.Remove(userId);
        }

        return await reposts.RemoveAsync(PostId, userId, CancellationToken.None);
    }

    private Orleans.Streams.IAsyncStream<PostEvent> RepostEvents(string reposterId) =>
        this.GetEventStream<PostEvent>(StreamNamespaces.Posts, reposterId);
}
