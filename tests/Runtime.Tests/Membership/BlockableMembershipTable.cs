using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Tests.Membership;

/// <summary>A membership table whose heartbeat writes a test can make fail, as a silo cut off from the database would.</summary>
public sealed class BlockableMembershipTable(IMembershipTable inner) : IMembershipTable
{
    private volatile bool _heartbeatsBlocked;
    private int _disposed;

    public bool HeartbeatsBlocked
    {
        get => _heartbeatsBlocked;
        set => _heartbeatsBlocked = value;
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<MembershipTableData> ReadAsync(CancellationToken cancellationToken) => inner.ReadAsync(cancellationToken);

    public Task<bool> InsertAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken) =>
        inner.InsertAsync(silo, status, cancellationToken);

    public Task<bool> UpdateStatusAsync(MembershipEntry entry, SiloStatus status, CancellationToken cancellationToken) =>
        inner.UpdateStatusAsync(entry, status, cancellationToken);

    public Task<long?> HeartbeatAsync(SiloAddress silo, long rowVersion, CancellationToken cancellationToken) =>
        HeartbeatsBlocked
            ? Task.FromException<long?>(new TimeoutException("Heartbeats are blocked by the test."))
            : inner.HeartbeatAsync(silo, rowVersion, cancellationToken);

    public Task<int> DeleteDefunctAsync(TimeSpan deadFor, CancellationToken cancellationToken) =>
        inner.DeleteDefunctAsync(deadFor, cancellationToken);

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? inner.DisposeAsync() : ValueTask.CompletedTask;
}
