using Playbound.Grains.Stores;

namespace Playbound.Grains.Feeds;

/// <summary>Walks a user's followers in pages of <see cref="FeedOptions.FanoutPageSize"/>, for fan-out and bulk feed changes.</summary>
internal static class FollowerFeeds
{
    /// <summary>Awaits <paramref name="onPage"/> for each page of <paramref name="userId"/>'s followers, in order.</summary>
    /// <returns>How many followers were visited.</returns>
    public static async Task<int> ForEachPageAsync(
        IFollowGraph graph, string userId, int pageSize, Func<IReadOnlyList<string>, Task> onPage)
    {
        var visited = 0;
        string? cursor = null;
        do
        {
            var page = await graph.GetFollowerIdsAsync(userId, pageSize, cursor, CancellationToken.None);
            if (page.Ids.Count > 0)
            {
                await onPage(page.Ids);
                visited += page.Ids.Count;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return visited;
    }
}
