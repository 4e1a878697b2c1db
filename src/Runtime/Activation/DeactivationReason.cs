namespace Playbound.Runtime;

/// <summary>Why an activation is being dropped.</summary>
public enum DeactivationReason
{
    /// <summary>It was idle for longer than the collection age.</summary>
    IdleCollection,

    /// <summary>The grain called DeactivateOnIdle.</summary>
    ApplicationRequested,

    /// <summary>A state write found a newer version in storage; the next call reloads it.</summary>
    InconsistentState,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Membership changed and another silo owns the grain now; it reactivates there on its next call.</summary>
    OwnershipMoved,
}
