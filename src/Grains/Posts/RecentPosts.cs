using Playbound.Grains.Ids;

namespace Playbound.Grains.Posts;

/// <summary>
/// An author's newest post ids, newest first, at most a fixed number. <c>complete</c> means the author has no older
/// posts than these, so any request can be answered from memory.
/// </summary>
internal sealed class RecentPosts(IEnumerable<long> newestFirst, bool complete, int capacity)
{
    private readonly List<long> _ids = [.. newestFirst];
    private bool _complete = complete;

    /// <summary>Adds a new post (newer than every cached one), dropping the oldest beyond capacity.</summary>
    public void Add(long postId)
    {
        _ids.Insert(0, postId);
        if (_ids.Count > capacity)
        {
            _ids.RemoveAt(_ids.Count - 1);
            _complete = false;
        }
    }

    /// <summary>Drops a deleted post.</summary>
    public void Remove(long postId) => _ids.Remove(postId);

    /// <summary>Up to <paramref name="count"/> ids older than <paramref name="before"/>, or null when memory cannot tell.</summary>
    public IReadOnlyList<string>? TryTake(int count, long? before)
    {
        var start = before is null ? 0 : _ids.FindIndex(id => id < before);
        if (start < 0)
        {
            start = _ids.Count;
        }

        return _complete || start + count <= _ids.Count
            ? [.. _ids.Skip(start).Take(count).Select(SnowflakeId.Format)]
            : null;
    }
}
