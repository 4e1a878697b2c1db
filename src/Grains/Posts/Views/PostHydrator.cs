using Playbound.Grains.Stores;

namespace Playbound.Grains.Posts.Views;

/// <summary>
/// Turns a page of post ids into views as a viewer sees them: each post's view from the silo's
/// <see cref="PostViewCache"/> (the misses asked of their post grains, all at once), and whether the viewer likes and
/// reposted them from one store query each for the whole page, skipped when none of the posts has a like (a repost).
/// </summary>
public sealed class PostHydrator(PostViewCache cache, IEngagementStore engagement, IRepostStore reposts, IGrainFactory grains)
{
    /// <summary>The views of <paramref name="postIds"/>, in order; a deleted post's slot is null.</summary>
    public async Task<PostView?[]> HydrateAsync(IReadOnlyList<string> postIds, string viewerId)
    {
        var views = new PostView?[postIds.Count];
        List<int>? misses = null;
        for (var i = 0; i < views.Length; i++)
        {
            if (cache.TryGet(postIds[i], out var view))
            {
                views[i] = view;
            }
            else
            {
                (misses ??= []).Add(i);
            }
        }

        if (misses is not null)
        {
            await FillAsync(postIds, views, misses);
        }

        return await WithViewerAsync(views, viewerId);
    }

    private async Task FillAsync(IReadOnlyList<string> postIds, PostView?[] views, List<int> misses)
    {
        var readAt = cache.Generation;
        var read = await Task.WhenAll(misses.Select(i => grains.GetGrain<IPostGrain>(postIds[i]).Get(null)));
        for (var m = 0; m < misses.Count; m++)
        {
            if (read[m] is { } view)
            {
                cache.Set(view, readAt);
                views[misses[m]] = view;
            }
        }
    }

    private async Task<PostView?[]> WithViewerAsync(PostView?[] views, string viewerId)
    {
        var liked = Among(views, static v => v.Likes > 0, ids => engagement.GetLikedAmongAsync(viewerId, ids, CancellationToken.None));
        var reposted = Among(views, static v => v.Reposts > 0, ids => reposts.GetRepostedAmongAsync(viewerId, ids, CancellationToken.None));
        var (likes, repostsOfViewer) = (await liked, await reposted);
        return likes.Count == 0 && repostsOfViewer.Count == 0
            ? views
            : [.. views.Select(v => v is null ? v : v with { LikedByMe = likes.Contains(v.PostId), RepostedByMe = repostsOfViewer.Contains(v.PostId) })];
    }

    /// <summary>Which of the posts that pass <paramref name="worthAsking"/> <paramref name="query"/> finds; no query when none does.</summary>
    private static async Task<IReadOnlySet<string>> Among(
        PostView?[] views, Func<PostView, bool> worthAsking, Func<string[], Task<IReadOnlyCollection<string>>> query)
    {
        var candidates = views.Where(v => v is not null && worthAsking(v)).Select(static v => v!.PostId).ToArray();
        if (candidates.Length == 0)
        {
            return EmptySet;
        }

        var found = await query(candidates);
        return found as IReadOnlySet<string> ?? found.ToHashSet(StringComparer.Ordinal);
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
