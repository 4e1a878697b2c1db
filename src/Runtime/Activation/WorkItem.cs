namespace Playbound.Runtime.Activation;

/// <summary>One turn waiting in an activation's mailbox: a call, a timer tick, activation or deactivation.</summary>
internal abstract class WorkItem
{
    /// <summary>Whether the turn may run beside other read-only turns.</summary>
    public abstract bool IsReadOnly { get; }

    /// <summary>Runs the turn. Must not throw, and must call <see cref="ActivationData.EndTurn"/> exactly once when done.</summary>
    public abstract void Start(ActivationData activation);

    /// <summary>The activation failed to activate; the item will never run there.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>The activation was deactivated before the item ran: calls go to a new activation, the rest is dropped.</summary>
    public virtual void Forward(Catalog catalog)
    {
    }
}
