using Playbound.Runtime.Timers;

namespace Playbound.Runtime.Activation;

/// <summary>The life-cycle transitions of an activation: collection, timers, valid, deactivating, invalid.</summary>
internal sealed partial class ActivationData
{
    /// <summary>
    /// Queues deactivation if the activation has had no call since the previous scan and for at least
    /// <paramref name="collectionAge"/>. Scans are a collection quantum apart, so idleness is tracked with a flag
    /// set per call rather than a clock read per call.
    /// </summary>
    public bool TryCollect(long nowTimestamp, TimeSpan collectionAge)
    {
        lock (_lock)
        {
            if (_touched || _running > 0 || _mailbox.Count > 0)
            {
                _touched = false;
                _lastActiveTimestamp = nowTimestamp;
                return false;
            }

            if (_state != ActivationState.Valid
                || Runtime.TimeProvider.GetElapsedTime(_lastActiveTimestamp, nowTimestamp) < collectionAge)
            {
                return false;
            }
        }

        RequestDeactivation(DeactivationReason.IdleCollection);
        return true;
    }

    public void AddTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            (_timers ??= []).Add(timer);
        }
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    /// <summary>Called by the activation turn when the grain is ready to serve.</summary>
    public void MarkValid()
    {
        lock (_lock)
        {
            _state = ActivationState.Valid;
        }
    }

    /// <summary>Called by the deactivation turn before OnDeactivateAsync; returns the timers to dispose.</summary>
    public List<GrainTimer>? MarkDeactivating()
    {
        lock (_lock)
        {
            _state = ActivationState.Deactivating;
            var timers = _timers;
            _timers = null;
            return timers;
        }
    }

    /// <summary>
    /// Removes the activation for good. Queued items are handed back: forwarded to a new activation after a
    /// deactivation, or failed with <paramref name="activationError"/> when activation itself failed.
    /// </summary>
    public void MarkInvalid(Exception? activationError)
    {
        WorkItem[] orphans;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            orphans = [.. _mailbox];
            _mailbox.Clear();
        }

        _owner.OnDeactivated(this);
        foreach (var item in orphans)
        {
            if (activationError is null)
            {
                item.Forward(Runtime.Catalog);
            }
            else
            {
                item.Fail(activationError);
            }
        }
    }
}
