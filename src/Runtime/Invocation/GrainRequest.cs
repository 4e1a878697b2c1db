using System.Text.Json.Serialization;

namespace Playbound.Runtime.Invocation;

/// <summary>
/// One call to a grain method: the method and its arguments. The source generator emits a sealed subclass per
/// grain interface method whose public properties (<c>Arg0</c>, <c>Arg1</c>, ...) hold the arguments, so a request
/// serializes as a plain record when it crosses a process boundary. Subclasses must repeat <c>[JsonIgnore]</c> on
/// their <see cref="Method"/> override: System.Text.Json reads attributes from the overriding property only.
/// </summary>
public abstract class GrainRequest
{
    /// <summary>Describes the called method.</summary>
    [JsonIgnore]
    public abstract GrainMethodDescriptor Method { get; }

    /// <summary>The arguments, boxed; for call filters and diagnostics, not for the dispatch path.</summary>
    public abstract object?[] GetArguments();

    /// <summary>Invokes the method on <paramref name="grain"/>, completing with the boxed result (null for void methods).</summary>
    public abstract Task<object?> InvokeUntypedAsync(object grain);
}

/// <summary>A grain call returning <typeparamref name="TResult"/>; void methods use <see cref="VoidResult"/>.</summary>
/// <typeparam name="TResult">The method's result type.</typeparam>
public abstract class GrainRequest<TResult> : GrainRequest
{
    /// <summary>Invokes the method on <paramref name="grain"/>.</summary>
    public abstract Task<TResult> InvokeAsync(object grain);

    /// <inheritdoc />
    public override async Task<object?> InvokeUntypedAsync(object grain)
    {
        var result = await InvokeAsync(grain).ConfigureAwait(false);
        return result is VoidResult ? null : result;
    }
}
