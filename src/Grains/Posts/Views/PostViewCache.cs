using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Playbound.Grains.Posts.Views;

/// <summary>
/// The views of posts as nobody in particular sees them (<see cref="PostView.LikedByMe"/> and <see cref="PostView.RepostedByMe"/> false), shared by every
/// feed on a silo so a page is hydrated without a call per post. A post that changes invalidates its view
/// (<see cref="IPostViewInvalidator"/>). Invalidation and filling race: a read that started before an invalidation
/// could otherwise put the old view back after it. So every read takes a <see cref="Generation"/> first, every
/// invalidation leaves a marker with a newer generation, and <see cref="Set"/> keeps whatever is newer than its read.
/// </summary>
public sealed class PostViewCache(IOptions<PostViewCacheOptions> options, TimeProvider time)
{
    private readonly PostViewCacheOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;
    private long _clearedAt;
    private int _count;

    /// <summary>The generation to hand <see cref="Set"/> for a view read from now on.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>The cached view of <paramref name="postId"/>, unless missing, invalidated or expired.</summary>
    public bool TryGet(string postId, out PostView view)
    {
        if (_entries.TryGetValue(postId, out var entry) && entry.View is { } cached && time.GetUtcNow() < entry.ExpiresAt)
        {
            view = cached;
            return true;
        }

        view = null!;
        return false;
    }

    /// <summary>Caches <paramref name="view"/>, read at <paramref name="readAt"/>, unless the post changed since.</summary>
    public void Set(PostView view, long readAt)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (readAt < Interlocked.Read(ref _clearedAt))
        {
            return;
        }

        var entry = new Entry(view with { LikedByMe = false, RepostedByMe = false }, readAt, time.GetUtcNow() + _options.TimeToLive);
        while (true)
        {
            if (_entries.TryGetValue(view.PostId, out var existing))
            {
                if (existing.Generation > readAt || _entries.TryUpdate(view.PostId, entry, existing))
                {
                    return;
                }
            }
            else if (_entries.TryAdd(view.PostId, entry))
            {
                CountNew();
                return;
            }
        }
    }

    /// <summary>Forgets the view of <paramref name="postId"/>, which just changed, and refuses older reads of it.</summary>
    public void Invalidate(string postId)
    {
        var marker = new Entry(null, Interlocked.Increment(ref _generation), DateTimeOffset.MinValue);
        if (_entries.TryAdd(postId, marker))
        {
            CountNew();
        }
        else
        {
            _entries[postId] = marker;
        }
    }

    /// <summary>Forgets every view (invalidations may have been missed) and refuses every read that started before.</summary>
    public void Clear()
    {
        Interlocked.Exchange(ref _clearedAt, Interlocked.Increment(ref _generation));
        _entries.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    private void CountNew()
    {
        // Emptying at the cap keeps the cache cheap: no recency tracking on the read path.
        if (Interlocked.Increment(ref _count) > _options.MaxEntries)
        {
            Clear();
        }
    }

    /// <summary>A view (null: an invalidation marker) and the generation it was read or invalidated at.</summary>
    private sealed record Entry(PostView? View, long Generation, DateTimeOffset ExpiresAt);
}
