using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Filters;

/// <summary>The outgoing filter chain of one call, ending in the dispatch to the target.</summary>
internal sealed class OutgoingCallContext<TResult>(
    GrainId targetId, GrainRequest<TResult> request, IOutgoingGrainCallFilter[] filters,
    Func<GrainId, GrainRequest<TResult>, Task<TResult>> send)
    : GrainCallContext<TResult>(targetId, request), IOutgoingGrainCallContext
{
    protected override int FilterCount => filters.Length;

    public async Task<TResult> InvokeAsync()
    {
        await Invoke().ConfigureAwait(false);
        return TypedResult;
    }

    protected override Task InvokeFilter(int index) => filters[index].Invoke(this);

    protected override Task<TResult> InvokeTarget() => send(TargetId, TypedRequest);
}
