using System.Reflection;
using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Filters;

/// <summary>Walks a filter chain and ends in the call itself. One instance per filtered call.</summary>
internal abstract class GrainCallContext<TResult>(GrainId targetId, GrainRequest<TResult> request)
{
    private int _next;

    public GrainId TargetId { get; } = targetId;

    public GrainRequest Request => TypedRequest;

    public GrainRequest<TResult> TypedRequest { get; } = request;

    public MethodInfo InterfaceMethod => TypedRequest.Method.MethodInfo;

    public object? Result
    {
        get => TypedResult;
        set => TypedResult = (TResult)value!;
    }

    public TResult TypedResult { get; private set; } = default!;

    public async Task Invoke()
    {
        var index = _next++;
        if (index < FilterCount)
        {
            await InvokeFilter(index).ConfigureAwait(false);
        }
        else
        {
            TypedResult = await InvokeTarget().ConfigureAwait(false);
        }
    }

    protected abstract int FilterCount { get; }

    protected abstract Task InvokeFilter(int index);

    protected abstract Task<TResult> InvokeTarget();
}
