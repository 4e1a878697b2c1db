using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Grains.Diagnostics;
using Playbound.Grains.Realtime;
using Playbound.Grains.Stores;
using Playbound.Grains.Streams;

namespace Playbound.Grains.Feeds;

/// <summary>
/// Fans posts out on write (stream <see cref="StreamNamespaces.Posts"/>, key: author id; one activation per author, so
/// an author's publish and delete are handled in order). A published post goes into
/// the author's own feed and, unless the author is a celebrity (whose posts feeds merge at read time), into every
/// follower's feed, one store write per page of followers. The event is acknowledged only after every page is
/// stored, so after a crash the stream provider redelivers it and the idempotent store leaves each feed with the post once.
/// Each page's followers who are online get <see cref="RealtimeMethods.FeedPost"/> as the page is stored; a
/// celebrity's online followers get it too, found among the online users rather than the followers.
/// A deleted post is removed again from the index and every feed, repairing anything the fan-out added after the
/// inline delete, and its grain finishes the delete where a crash came between the event and the tombstone.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Posts)]
public sealed partial class FanoutWorkerGrain(
    IPostIndex index,
    IFeedStore feeds,
    IUserDirectory directory,
    IFollowGraph graph,
    IRelationStore relations,
    IRepostStore reposts,
    IOptions<FeedOptions> options,
    IUserPresence presence,
    IRealtimePublisher realtime,
    ILogger<FanoutWorkerGrain> logger,
    FeedMetrics metrics) : ImplicitSubscriberGrain<PostEvent>(StreamNamespaces.Posts)
{
    private readonly FeedOptions _options = options.Value;

    /// <inheritdoc />
    protected override Task OnEventAsync(PostEvent item) => item switch
    {
        PostPublished published => FanOutAsync(published),
        PostDeleted deleted => RemoveAsync(deleted),
        PostReposted reposted => FanOutRepostAsync(reposted),
        RepostUndone undone => feeds.RemoveRepostAsync(undone.PostId, undone.ReposterId, CancellationToken.None),
        _ => throw new NotSupportedException($"Unknown post event {item.GetType().Name}."),
    };

    private async Task FanOutAsync(PostPublished published)
    {
        // A post deleted before its fan-out ran is skipped; its PostDeleted event comes next on this stream.
        if (await GrainFactory.GetGrain<IPostGrain>(published.PostId).Get(null) is not { } post)
        {
            return;
        }

        // The author grain's answer, not a count read here: a post it calls a celebrity's is copied into the feeds
        // by the backfill of a later drop below the threshold, which a count read here could miss.
        var status = await GrainFactory.GetGrain<IUserGrain>(published.AuthorId).RefreshAuthorStatus();
        if (status == AuthorStatus.Gone)
        {
            // Published just before its author's account deletion found the author's posts: it goes with them.
            await GrainFactory.GetGrain<IPostGrain>(published.PostId).Delete(published.AuthorId);
            return;
        }

        var record = new PostRecord(post.PostId, post.AuthorId, post.AuthorHandle, post.Text, post.ReplyTo, post.CreatedAt);
        await index.AddAsync(record, published.Tags ?? post.Tags, CancellationToken.None);
        await AddToFeedsAsync(published, [published.AuthorId]);
        if (status == AuthorStatus.Celebrity)
        {
            logger.CelebrityPostNotFannedOut(published.PostId, published.AuthorId);
            await PushToOnlineFollowersAsync(post, published.AuthorId);
            metrics.FanoutFinished(published.CreatedAt, celebrity: true);
            return;
        }

        // Feeds read their entries from the store, so storing a page is the whole fan-out: no call per follower.
        var reached = await FollowerFeeds.ForEachPageAsync(
            graph,
            published.AuthorId,
            _options.FanoutPageSize,
            async page =>
            {
                // The post is already durable, and its feed rows follow (a crash redelivers the event), so the push
                // runs beside the store write rather than after it: that wait is most of the push latency.
                var push = PushToOnlineAsync(post, page);
                await AddToFeedsAsync(published, page);
                await push;
            });
        logger.PostFannedOut(published.PostId, published.AuthorId, reached);
        metrics.FanoutFinished(published.CreatedAt, celebrity: false);
    }

    private async Task RemoveAsync(PostDeleted deleted)
    {
        // The post grain publishes the event before it stores its tombstone; a process killed in between leaves the
        // post readable while this removes it from the index an account deletion finds its posts through. The grain
        // finishes its own delete (NotFound, and nothing done, once the tombstone is stored).
        await GrainFactory.GetGrain<IPostGrain>(deleted.PostId).Delete(deleted.AuthorId);
        await index.RemoveAsync(deleted.PostId, CancellationToken.None);

        // The repost rows tell which feeds the post entered through reposts; they go once those feeds are cleaned.
        await feeds.RemovePostAsync(deleted.PostId, deleted.AuthorId, CancellationToken.None);
        await reposts.RemovePostAsync(deleted.PostId, CancellationToken.None);
        await GrainFactory.GetGrain<IUserPostsGrain>(deleted.AuthorId).ForgetPost(deleted.PostId);
    }

    private async Task PushToOnlineAsync(PostView post, IReadOnlyList<string> userIds)
    {
        if (presence.OnlineCount == 0)
        {
            return;
        }

        var online = userIds.Where(presence.IsOnline).ToArray();
        if (online.Length > 0)
        {
            await PushUnlessHiddenAsync(post, online);
        }
    }

    /// <summary>
    /// Pushes to <paramref name="online"/> except those who mute or block the author or, for a repost, the reposter
    /// (their feeds leave the post out too).
    /// </summary>
    private async Task PushUnlessHiddenAsync(PostView post, IReadOnlyList<string> online)
    {
        IEnumerable<string> hiding = await relations.FilterHidingAsync(post.AuthorId, online, CancellationToken.None);
        if (post.RepostedBy is { } reposter)
        {
            hiding = hiding.Concat(await relations.FilterHidingAsync(reposter.UserId, online, CancellationToken.None));
        }

        var hidden = hiding.ToHashSet(StringComparer.Ordinal);
        var recipients = hidden.Count == 0 ? online : [.. online.Where(user => !hidden.Contains(user))];
        if (recipients.Count > 0)
        {
            realtime.PushToUsers(recipients, RealtimeMethods.FeedPost, post);
        }
    }

    /// <summary>
    /// A celebrity's post (or repost) reaches feeds at read time; the online followers of <paramref name="sourceId"/>
    /// (the author, or the reposter) are found among the online users, a page at a time.
    /// </summary>
    private async Task PushToOnlineFollowersAsync(PostView post, string sourceId)
    {
        foreach (var online in presence.OnlineUsers().Chunk(_options.FanoutPageSize))
        {
            var followers = await graph.FilterFollowersAsync(sourceId, online, CancellationToken.None);
            if (followers.Count > 0)
            {
                await PushUnlessHiddenAsync(post, followers);
            }
        }
    }

    private Task AddToFeedsAsync(PostPublished post, IReadOnlyList<string> userIds) =>
        feeds.AddToFeedsAsync(post.PostId, post.AuthorId, userIds, CancellationToken.None);
}
