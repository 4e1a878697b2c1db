using Microsoft.Extensions.Options;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Accounts.Deletion;

/// <summary>The steps of an account deletion, in the order they run.</summary>
public enum DeletionStep
{
    /// <summary>Login, refresh and the profile stop working; the user leaves user search and cannot be followed.</summary>
    SignOut,

    /// <summary>Every post is deleted: out of every feed, tag page and search, its likes and comments with it.</summary>
    Posts,

    /// <summary>The user's likes, reposts and comments on others' posts are removed and stop counting; the reposts leave the feeds.</summary>
    Engagement,

    /// <summary>The follows both ways end (others' counts follow).</summary>
    Follows,

    /// <summary>Blocks and mutes both ways end.</summary>
    Relations,

    /// <summary>The user's notifications, and those the user caused for others, are removed.</summary>
    Notifications,

    /// <summary>The user's own feed, counters and user state are removed.</summary>
    Leftovers,

    /// <summary>The handle can be registered again.</summary>
    Handle,

    /// <summary>Nothing is left to do.</summary>
    Done,
}

/// <summary>
/// Runs one <see cref="DeletionStep"/> for an account. Each step is idempotent and finds its work afresh from the
/// stores, reading from the start until nothing is left, so running it again after a crash finishes what was cut short.
/// Grain calls go through the grains that own the data (post, user, relations, notification grains), so their
/// in-memory counts and caches stay right.
/// </summary>
public sealed class AccountEraser(
    IGrainFactory grains, IPostIndex posts, IFeedStore feeds, IFollowGraph graph, IAccountRows rows, IOptions<AccountDeletionOptions> options)
{
    /// <summary>How many grain calls a step makes at once.</summary>
    private const int Parallelism = 8;

    private readonly int _pageSize = options.Value.PageSize;

    /// <summary>Runs <paramref name="step"/> for <paramref name="userId"/> (whose handle is <paramref name="handle"/>).</summary>
    public Task RunAsync(DeletionStep step, string userId, string handle) => step switch
    {
        DeletionStep.SignOut => SignOutAsync(userId, handle),
        DeletionStep.Posts => DeletePostsAsync(userId),
        DeletionStep.Engagement => RemoveEngagementAsync(userId),
        DeletionStep.Follows => EndFollowsAsync(userId),
        DeletionStep.Relations => EndRelationsAsync(userId),
        DeletionStep.Notifications => RemoveNotificationsAsync(userId),
        DeletionStep.Leftovers => RemoveLeftoversAsync(userId),
        DeletionStep.Handle => grains.GetGrain<IAccountGrain>(handle).Release(userId),
        _ => Task.CompletedTask,
    };

    private async Task SignOutAsync(string userId, string handle)
    {
        await grains.GetGrain<IAccountGrain>(handle).Close(userId);
        await grains.GetGrain<IUserGrain>(userId).MarkDeleted();
        await rows.RemoveProfileAsync(userId, CancellationToken.None);
    }

    private async Task DeletePostsAsync(string userId)
    {
        IReadOnlyList<PostRecord> page;
        while ((page = await posts.GetByAuthorAsync(userId, _pageSize, null, CancellationToken.None)).Count > 0)
        {
            await ForEachAsync(page, async post =>
            {
                // A post whose grain already says it is gone but whose rows a crash left behind is removed here.
                if (await grains.GetGrain<IPostGrain>(post.PostId).Delete(userId) != PostOutcome.Done)
                {
                    await posts.RemoveAsync(post.PostId, CancellationToken.None);
                    await feeds.RemovePostAsync(post.PostId, userId, CancellationToken.None);
                }
            });
        }
    }

    private async Task RemoveEngagementAsync(string userId)
    {
        await ForgetOnPostsAsync(userId, rows.GetLikedPostIdsAsync);
        await ForgetOnPostsAsync(userId, rows.GetRepostedPostIdsAsync);
        await ForgetOnPostsAsync(userId, rows.GetCommentedPostIdsAsync);
    }

    private async Task ForgetOnPostsAsync(string userId, Func<string, int, CancellationToken, Task<IReadOnlyList<string>>> find)
    {
        IReadOnlyList<string> page;
        while ((page = await find(userId, _pageSize, CancellationToken.None)).Count > 0)
        {
            await ForEachAsync(page, post => grains.GetGrain<IPostGrain>(post).ForgetUser(userId));
        }
    }

    private async Task EndFollowsAsync(string userId)
    {
        var user = grains.GetGrain<IUserGrain>(userId);
        Page<UserSummary> following;
        while ((following = await graph.GetFollowingAsync(userId, _pageSize, null, CancellationToken.None)).Items.Count > 0)
        {
            // One user grain makes these changes, one at a time; calling it in parallel would only queue.
            foreach (var followee in following.Items)
            {
                await user.Unfollow(followee.UserId);
            }
        }

        IdPage followers;
        while ((followers = await graph.GetFollowerIdsAsync(userId, _pageSize, null, CancellationToken.None)).Ids.Count > 0)
        {
            await ForEachAsync(followers.Ids, follower => grains.GetGrain<IUserGrain>(follower).Unfollow(userId));
        }
    }

    private async Task EndRelationsAsync(string userId)
    {
        IReadOnlyList<RelationRow> page;
        while ((page = await rows.GetRelationsAsync(userId, _pageSize, CancellationToken.None)).Count > 0)
        {
            foreach (var relation in page)
            {
                await grains.GetGrain<IRelationsGrain>(relation.OwnerId).Forget(relation.TargetId);
            }
        }
    }

    private async Task RemoveNotificationsAsync(string userId)
    {
        var recipients = await rows.RemoveNotificationsByActorAsync(userId, CancellationToken.None);
        await ForEachAsync(recipients, recipient => grains.GetGrain<INotificationGrain>(recipient).Recount());
        await rows.RemoveNotificationsAsync(userId, CancellationToken.None);
    }

    private async Task RemoveLeftoversAsync(string userId)
    {
        await feeds.ClearAsync(userId, CancellationToken.None);
        await grains.GetGrain<IFeedGrain>(userId).Invalidate();
        await rows.RemoveCountersAsync(userId, CancellationToken.None);
        await grains.GetGrain<IUserGrain>(userId).Erase();
    }

    /// <summary>Calls the owning grains for <paramref name="items"/>, <see cref="Parallelism"/> at a time.</summary>
    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> call) => GrainParallel.ForEachAsync(items, Parallelism, call);
}
