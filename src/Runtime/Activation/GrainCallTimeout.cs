using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Activation;

/// <summary>Builds the exception a caller gets when a grain call outlives its response timeout.</summary>
internal static class GrainCallTimeout
{
    public static TimeoutException Create(GrainId target, GrainRequest request, TimeSpan timeout) =>
        new($"The call {request.Method} to grain {target} did not complete within {timeout}.");
}
