using System.Text.Json;

namespace Playbound.HubClient;

/// <summary>An invocation waiting for its completion message, whatever its result type.</summary>
internal interface IPendingInvocation
{
    void Complete(in HubMessage completion);

    void Fail(Exception reason);
}

/// <summary>
/// Completes with the deserialized result. Continuations run asynchronously so that a caller's code never runs on
/// (and stalls) the receive loop.
/// </summary>
internal sealed class PendingInvocation<T>(string method, JsonSerializerOptions options)
    : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IPendingInvocation
{
    public void Complete(in HubMessage completion)
    {
        if (completion.Error is { } error)
        {
            TrySetException(new HubInvocationException(method, error));
            return;
        }

        try
        {
            TrySetResult(completion.Result.IsEmpty ? default! : JsonSerializer.Deserialize<T>(completion.Result, options)!);
        }
        catch (JsonException e)
        {
            TrySetException(e);
        }
    }

    public void Fail(Exception reason) => TrySetException(reason);
}
