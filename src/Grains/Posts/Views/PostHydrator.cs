using Playbound.Grains.Stores;

namespace Playbound.Grains.Posts.Views;

/// <summary>
/// Turns a page of post ids into views as a viewer sees them: each post's view from the silo's
/// <see cref="PostViewCache"/> (the misses asked of their post grains, all at once), and whether the viewer likes
/// them from one engagement-store query for the whole page, skipped when none of the posts has a like.
/// </summary>
public sealed class PostHydrator(PostViewCache cache, IEngagementStore engagement, IGrainFactory grains)
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

        return await WithLikesAsync(views, viewerId);
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

    private async Task<PostView?[]> WithLikesAsync(PostView?[] views, string viewerId)
    {
        var liked = views.Where(static v => v is { Likes: > 0 }).Select(static v => v!.PostId).ToArray();
        if (liked.Length == 0)
        {
            return views;
        }

        var mine = await engagement.GetLikedAmongAsync(viewerId, liked, CancellationToken.None);
        if (mine.Count == 0)
        {
            return views;
        }

        var set = mine as IReadOnlySet<string> ?? mine.ToHashSet(StringComparer.Ordinal);
        return [.. views.Select(v => v is not null && set.Contains(v.PostId) ? v with { LikedByMe = true } : v)];
    }
}
