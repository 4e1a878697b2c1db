namespace Playbound.Runtime.Invocation;

/// <summary>Sends a request to a grain, wherever it is activated. Generated proxies call this.</summary>
public interface IGrainCallInvoker
{
    /// <summary>Invokes <paramref name="request"/> on the grain <paramref name="target"/>.</summary>
    Task<TResult> InvokeAsync<TResult>(GrainId target, GrainRequest<TResult> request);
}
