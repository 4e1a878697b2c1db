using Microsoft.Extensions.Options;
using Playbound.Grains.Feeds;
using Playbound.Grains.Stores;
using Playbound.Grains.Streams;

namespace Playbound.Grains.Users;

/// <summary>
/// Applies a user's follow changes (key: follower id) to everything beyond the graph row, at least once and in order:
/// re-applies the graph row (the version makes a replay harmless, and repairs a crash before the inline write),
/// lets the followee re-check its celebrity status, and backfills (unless the followee is a celebrity) or removes the
/// followee's posts in the follower's feed. A replayed change redoes only idempotent work.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Follows)]
public sealed class FollowProjectionGrain(IFollowGraph graph, IFeedStore feeds, IOptions<FeedOptions> options)
    : ImplicitSubscriberGrain<FollowChanged>(StreamNamespaces.Follows)
{
    private readonly FeedOptions _options = options.Value;

    /// <inheritdoc />
    protected override async Task OnEventAsync(FollowChanged item)
    {
        await graph.SetFollowAsync(item.FollowerId, item.FolloweeId, item.Following, item.Version, item.At, CancellationToken.None);
        var followee = await GrainFactory.GetGrain<IUserGrain>(item.FolloweeId).RefreshAuthorStatus();

        // When a newer change already flipped the relationship back, its own event follows this one and fixes the feed.
        if (await graph.IsFollowingAsync(item.FollowerId, item.FolloweeId, CancellationToken.None) == item.Following)
        {
            await UpdateFeedAsync(item, followee);
        }
    }

    private async Task UpdateFeedAsync(FollowChanged item, AuthorStatus followee)
    {
        if (item.Following)
        {
            // A celebrity's posts are merged into feeds at read time; copying them in would cost up to MaxEntries rows
            // per new follower for nothing. The followee grain recorded that status, so its backfill of every
            // follower's feed when it drops below the threshold covers this one too. A deleted followee has no posts.
            if (followee == AuthorStatus.Active)
            {
                await feeds.BackfillAsync(item.FollowerId, item.FolloweeId, _options.MaxEntries, CancellationToken.None);
            }
        }
        else
        {
            await feeds.RemoveAuthorAsync(item.FollowerId, item.FolloweeId, CancellationToken.None);
        }

        await GrainFactory.GetGrain<IFeedGrain>(item.FollowerId).Invalidate();
    }
}
