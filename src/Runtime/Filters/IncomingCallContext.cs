using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Filters;

/// <summary>The incoming filter chain of one call, ending in the grain method.</summary>
internal sealed class IncomingCallContext<TResult>(ActivationData activation, GrainRequest<TResult> request)
    : GrainCallContext<TResult>(activation.GrainId, request), IIncomingGrainCallContext
{
    public object Grain => activation.GrainInstance!;

    protected override int FilterCount => activation.Runtime.IncomingFilters.Length;

    public static async Task<TResult> InvokeAsync(ActivationData activation, GrainRequest<TResult> request)
    {
        var context = new IncomingCallContext<TResult>(activation, request);
        await context.Invoke().ConfigureAwait(false);
        return context.TypedResult;
    }

    protected override Task InvokeFilter(int index) => activation.Runtime.IncomingFilters[index].Invoke(this);

    protected override Task<TResult> InvokeTarget() => TypedRequest.InvokeAsync(Grain);
}
