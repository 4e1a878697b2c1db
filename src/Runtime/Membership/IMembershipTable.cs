namespace Playbound.Runtime.Membership;

/// <summary>
/// The shared record of a cluster's silos. Every write is conditional on the row version the writer read and fails
/// (returns null/false) rather than overwrite a newer row; the writer re-reads and decides again.
/// </summary>
public interface IMembershipTable : IAsyncDisposable
{
    /// <summary>Creates the tables when missing. Idempotent; safe when several processes start at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads the cluster's table version and every silo row in one consistent read.</summary>
    Task<MembershipTableData> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Inserts <paramref name="silo"/> with <paramref name="status"/> (row version 1); false when its row already exists.</summary>
    Task<bool> InsertAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the status of <paramref name="entry"/>'s silo if its row still has <see cref="MembershipEntry.RowVersion"/>,
    /// bumping the row and the table version together; false on a conflict.
    /// </summary>
    Task<bool> UpdateStatusAsync(MembershipEntry entry, SiloStatus status, CancellationToken cancellationToken);

    /// <summary>
    /// Stamps the database's clock as the silo's last heartbeat if its row still has <paramref name="rowVersion"/> and
    /// is not Dead; returns the new row version, or null on a conflict (e.g. it was declared dead).
    /// </summary>
    Task<long?> HeartbeatAsync(SiloAddress silo, long rowVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the rows of silos that are Dead and whose last heartbeat (database clock) is older than
    /// <paramref name="deadFor"/>; returns how many. Live rows are never touched, and no snapshot changes.
    /// </summary>
    Task<int> DeleteDefunctAsync(TimeSpan deadFor, CancellationToken cancellationToken);
}
