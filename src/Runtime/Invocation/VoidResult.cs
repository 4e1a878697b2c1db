namespace Playbound.Runtime.Invocation;

/// <summary>The result of a grain method that returns a plain <see cref="Task"/>.</summary>
public readonly record struct VoidResult
{
    private static readonly Task<VoidResult> Completed = Task.FromResult(default(VoidResult));

    /// <summary>Adapts a void grain method's task; completed tasks cost no allocation.</summary>
    public static Task<VoidResult> From(Task task) => task.IsCompletedSuccessfully ? Completed : Await(task);

    private static async Task<VoidResult> Await(Task task)
    {
        await task.ConfigureAwait(false);
        return default;
    }
}
