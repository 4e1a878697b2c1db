namespace Playbound.Grains;

/// <summary>Grain calls for many items at once, from inside a grain.</summary>
internal static class GrainParallel
{
    /// <summary>Awaits <paramref name="call"/> for each item, at most <paramref name="parallelism"/> at a time.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> call)
    {
        // The calling activation's scheduler, not the thread pool: grain calls are only allowed from inside the activation.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, TaskScheduler = TaskScheduler.Current };
        return Parallel.ForEachAsync(items, parallel, async (item, _) => await call(item));
    }
}
