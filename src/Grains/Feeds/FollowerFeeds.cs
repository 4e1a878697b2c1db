using Playbound.Grains.Stores;

namespace Playbound.Grains.Feeds;

/// <summary>Walks a user's followers in pages of <see cref="FeedOptions.FanoutPageSize"/>, for fan-out and bulk feed changes.</summary>
internal static class FollowerFeeds
{
    /// <summary>
    /// For each page of <paramref name="userId"/>'s followers: awaits <paramref name="storePage"/> (the durable part)
    /// and then runs <paramref name="perFollower"/> for each follower, <see cref="FeedOptions.FanoutParallelism"/> at a time.
    /// </summary>
    /// <returns>How many followers were visited.</returns>
    public static async Task<int> ForEachAsync(
        IFollowGraph graph,
        string userId,
        FeedOptions options,
        Func<IReadOnlyList<string>, Task>? storePage,
        Func<string, Task> perFollower)
    {
        // The calling grain's scheduler, not the thread pool: the callbacks make grain calls, which Orleans only
        // allows from inside the activation; they still overlap, as each awaits its call.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.FanoutParallelism, TaskScheduler = TaskScheduler.Current };
        var visited = 0;
        string? cursor = null;
        do
        {
            var page = await graph.GetFollowerIdsAsync(userId, options.FanoutPageSize, cursor, CancellationToken.None);
            if (page.Ids.Count > 0)
            {
                if (storePage is not null)
                {
                    await storePage(page.Ids);
                }

                await Parallel.ForEachAsync(page.Ids, parallel, (follower, _) => new ValueTask(perFollower(follower)));
                visited += page.Ids.Count;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return visited;
    }
}
