namespace Playbound.Runtime.Invocation;

/// <summary>Base class of every generated grain proxy: the target's identity and the invoker that carries calls to it.</summary>
/// <param name="grainId">The target grain.</param>
/// <param name="invoker">Carries calls to the target.</param>
public abstract class GrainReference(GrainId grainId, IGrainCallInvoker invoker)
{
    /// <summary>The target grain.</summary>
    public GrainId GrainId { get; } = grainId;

    /// <summary>Carries calls to the target.</summary>
    protected IGrainCallInvoker Invoker { get; } = invoker;

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GrainReference other && other.GrainId == GrainId;

    /// <inheritdoc />
    public override int GetHashCode() => GrainId.GetHashCode();
}
