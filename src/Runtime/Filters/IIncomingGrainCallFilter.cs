namespace Playbound.Runtime;

/// <summary>Runs around every call as it enters a grain (logging, metrics, authorization, request context).</summary>
public interface IIncomingGrainCallFilter
{
    /// <summary>Handles the call; call <see cref="IGrainCallContext.Invoke"/> to continue to the next filter and the grain.</summary>
    Task Invoke(IIncomingGrainCallContext context);
}

/// <summary>Runs around every call as it leaves the caller.</summary>
public interface IOutgoingGrainCallFilter
{
    /// <summary>Handles the call; call <see cref="IGrainCallContext.Invoke"/> to continue to the next filter and the target.</summary>
    Task Invoke(IOutgoingGrainCallContext context);
}
