using Microsoft.AspNetCore.SignalR;
using Playbound.Grains;
using Playbound.Grains.Realtime;
using Microsoft.Extensions.Logging;

namespace Playbound.Realtime;

/// <summary>
/// Pushes through this process's <see cref="FeedHub"/> to each user's group: sending to many groups serializes the
/// message once and visits only their connections, where sending to users or connection ids scans every connection
/// of the hub for each. Sends are not awaited: a slow socket must not hold up the fan-out that pushed. In embedded
/// mode the hub's groups are this process's connections; in cluster mode a silo's hub context publishes each group's
/// message through the Redis backplane to whichever Api nodes hold members of the group.
/// </summary>
internal sealed class HubRealtimePublisher(IHubContext<FeedHub> hub, ILogger<HubRealtimePublisher> logger, RealtimeMetrics metrics) : IRealtimePublisher
{
    /// <inheritdoc />
    public void PushToUsers(IReadOnlyCollection<string> userIds, string method, object payload)
    {
        if (userIds.Count > 0)
        {
            Observe(hub.Clients.Groups([.. userIds.Select(FeedHub.UserGroup)]).SendAsync(method, payload), method, userIds.Count);
        }
    }

    /// <inheritdoc />
    public void PushToPostWatchers(PostCounts counts) =>
        Observe(hub.Clients.Group(FeedHub.PostGroup(counts.PostId)).SendAsync(RealtimeMethods.PostUpdated, counts), RealtimeMethods.PostUpdated, 1);

    private void Observe(Task send, string method, int pushes)
    {
        metrics.Sent(method, pushes);
        if (!send.IsCompletedSuccessfully)
        {
            send.ContinueWith(
                static (task, state) =>
                {
                    var (logger, metrics, method, pushes) = ((ILogger, RealtimeMetrics, string, int))state!;
                    metrics.Dropped(method, pushes);
                    logger.PushFailed(task.Exception!.GetBaseException(), method);
                },
                (logger, metrics, method, pushes),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}
