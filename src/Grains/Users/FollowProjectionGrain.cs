using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Stores;
using Playbound.Runtime;
using Playbound.Runtime.Streams;

namespace Playbound.Grains.Users;

/// <summary>
/// Applies a user's follow changes (key: follower id) to everything beyond the graph row, at least once and in order:
/// re-applies the graph row (the version makes a replay harmless, and repairs a crash before the inline write),
/// backfills or removes the followee's posts in the follower's feed, and lets the followee re-check its celebrity
/// status. A replayed change redoes only idempotent work.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Follows)]
internal sealed class FollowProjectionGrain(IFollowGraph graph, IFeedStore feeds, IOptions<FeedOptions> options)
    : Grain, IStreamSubscriber<FollowChanged>
{
    private readonly FeedOptions _options = options.Value;

    /// <inheritdoc />
    public async Task OnNextAsync(FollowChanged item, StreamEventInfo info)
    {
        await graph.SetFollowAsync(item.FollowerId, item.FolloweeId, item.Following, item.Version, item.At, CancellationToken.None);

        // When a newer change already flipped the relationship back, its own event follows this one and fixes the feed.
        if (await graph.IsFollowingAsync(item.FollowerId, item.FolloweeId, CancellationToken.None) == item.Following)
        {
            await UpdateFeedAsync(item);
        }

        await GrainFactory.GetGrain<IUserGrain>(item.FolloweeId).RefreshCelebrityStatus();
    }

    private async Task UpdateFeedAsync(FollowChanged item)
    {
        if (item.Following)
        {
            await feeds.BackfillAsync(item.FollowerId, item.FolloweeId, _options.MaxEntries, CancellationToken.None);
        }
        else
        {
            await feeds.RemoveAuthorAsync(item.FollowerId, item.FolloweeId, CancellationToken.None);
        }

        await GrainFactory.GetGrain<IFeedGrain>(item.FollowerId).Invalidate();
    }
}
