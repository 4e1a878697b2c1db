namespace Playbound.Runtime.Membership;

/// <summary>
/// The latest snapshot a process holds. Reads may finish out of order (a slow read after a fast one), so a read
/// replaces the snapshot only when its table version is newer, and only then is <see cref="Changed"/> raised.
/// </summary>
internal sealed class MembershipView
{
    private readonly Lock _lock = new();
    private MembershipSnapshot _current = MembershipSnapshot.Empty;

    public MembershipSnapshot Current => Volatile.Read(ref _current);

    public event Action<MembershipSnapshot>? Changed;

    /// <summary>Takes <paramref name="data"/> if newer; true when the snapshot changed.</summary>
    public bool Apply(MembershipTableData data)
    {
        MembershipSnapshot snapshot;
        lock (_lock)
        {
            if (data.Version <= _current.Version)
            {
                return false;
            }

            snapshot = data.ToSnapshot();
            Volatile.Write(ref _current, snapshot);
        }

        // Raised outside the lock: a handler reading Current must not deadlock, and handlers are documented as quick.
        Changed?.Invoke(snapshot);
        return true;
    }
}
