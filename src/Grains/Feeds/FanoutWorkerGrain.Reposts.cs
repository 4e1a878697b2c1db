using Playbound.Grains.Stores;

namespace Playbound.Grains.Feeds;

/// <summary>
/// Reposts, on the reposter's post stream (this activation's key is the reposter): a repost enters the reposter's
/// followers' feeds at the repost's position, a page of followers per store write, as a post does; a celebrity
/// reposter's reposts are merged at read time instead. Undoing removes exactly the entries the repost brought.
/// </summary>
public sealed partial class FanoutWorkerGrain
{
    private async Task FanOutRepostAsync(PostReposted reposted)
    {
        // Undone or deleted since: its RepostUndone or PostDeleted event removes whatever an earlier delivery added.
        if (await GrainFactory.GetGrain<IPostGrain>(reposted.PostId).Get(null) is not { } post
            || await directory.GetAsync(reposted.ReposterId, CancellationToken.None) is not { } reposter)
        {
            return;
        }

        var repost = new RepostRecord(reposted.RepostId, reposted.PostId, reposted.AuthorId, reposted.ReposterId, reposted.RepostedAt);
        var view = post with { RepostedBy = new UserSummary(reposter.UserId, reposter.Handle, reposter.DisplayName), RepostedAt = reposted.RepostedAt };
        switch (await GrainFactory.GetGrain<IUserGrain>(reposted.ReposterId).RefreshAuthorStatus())
        {
            case AuthorStatus.Celebrity:
                await PushToOnlineFollowersAsync(view, reposted.ReposterId);
                break;
            case AuthorStatus.Active:
                await FollowerFeeds.ForEachPageAsync(graph, reposted.ReposterId, _options.FanoutPageSize, async page =>
                {
                    var push = PushToOnlineAsync(view, page);
                    await feeds.AddRepostToFeedsAsync(repost, page, CancellationToken.None);
                    await push;
                });
                break;
        }
    }
}
