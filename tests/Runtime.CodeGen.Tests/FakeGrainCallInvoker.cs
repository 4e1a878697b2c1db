using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.CodeGen.Tests;

/// <summary>Records every request and runs it directly against one target object, as a local silo would.</summary>
internal sealed class FakeGrainCallInvoker(object target) : IGrainCallInvoker
{
    public List<(GrainId Target, GrainRequest Request)> Calls { get; } = [];

    public GrainRequest LastRequest => Calls[^1].Request;

    public Task<TResult> InvokeAsync<TResult>(GrainId targetId, GrainRequest<TResult> request)
    {
        Calls.Add((targetId, request));
        return request.InvokeAsync(target);
    }
}
