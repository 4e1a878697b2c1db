using System.Reflection;
using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

/// <summary>A feed store as <see cref="FeedHeadCacheTests"/> sees it under the head cache: counts its reads, and can hold one read after it queried, before it returns.</summary>
public class CountingFeedStore : DispatchProxy
{
    private IFeedStore _inner = null!;
    private int _reads;
    private Hold? _hold;

    public int Reads => _reads;

    public static CountingFeedStore Over(IFeedStore inner)
    {
        var proxy = Create<IFeedStore, CountingFeedStore>();
        var counting = (CountingFeedStore)(object)proxy;
        counting._inner = inner;
        return counting;
    }

    public Hold HoldNextRead() => _hold = new Hold();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        if (targetMethod.Name != nameof(IFeedStore.GetEntriesAsync))
        {
            return result;
        }

        Interlocked.Increment(ref _reads);
        return Interlocked.Exchange(ref _hold, null) is { } hold ? hold.AfterAsync((Task<IReadOnlyList<FeedEntry>>)result!) : result;
    }

    public sealed class Hold
    {
        private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Read => _read.Task;

        public void Release() => _release.SetResult();

        public async Task<IReadOnlyList<FeedEntry>> AfterAsync(Task<IReadOnlyList<FeedEntry>> query)
        {
            var entries = await query;
            _read.SetResult();
            await _release.Task;
            return entries;
        }
    }
}
