namespace Playbound.Runtime.Membership;

/// <summary>
/// This silo's own row: the only writer of it besides another silo declaring it dead. Writes are serialized so the
/// row version this silo holds is always the one it last wrote; a conflict therefore means another silo wrote the
/// row, and the re-read says whether this silo is dead.
/// </summary>
internal sealed class LocalSiloRow(SiloAddress silo, IMembershipTable table, TimeProvider timeProvider)
{
    // A conflict that is not a death (none is expected) is retried this often before the write is given up.
    private const int MaxAttempts = 3;

    private readonly SemaphoreSlim _writes = new(1, 1);
    private long _rowVersion;
    private long _lastHeartbeat;
    private volatile int _status = -1;

    public SiloAddress Silo { get; } = silo;

    /// <summary>The status last written, or null before the row is inserted.</summary>
    public SiloStatus? Status => _status < 0 ? null : (SiloStatus)_status;

    /// <summary>How long ago (this process's clock) the last status or heartbeat write succeeded.</summary>
    public TimeSpan SinceLastWrite => timeProvider.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat));

    /// <summary>Inserts the row as <see cref="SiloStatus.Joining"/>.</summary>
    /// <exception cref="InvalidOperationException">This generation already has a row: a generation is used once.</exception>
    public async Task InsertAsync(CancellationToken cancellationToken)
    {
        if (!await table.InsertAsync(Silo, SiloStatus.Joining, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Silo {Silo} already has a membership row; a generation cannot join twice.");
        }

        Written(1, SiloStatus.Joining);
    }

    /// <summary>Writes <paramref name="status"/>; false when this silo turns out to be declared dead.</summary>
    public Task<bool> ChangeStatusAsync(SiloStatus status, CancellationToken cancellationToken) =>
        WriteAsync(async (version, ct) => await table.UpdateStatusAsync(
            new MembershipEntry(Silo, Status!.Value, default, default, version), status, ct).ConfigureAwait(false)
                ? (version + 1, status)
                : null,
            cancellationToken);

    /// <summary>Writes a heartbeat; false when this silo turns out to be declared dead.</summary>
    public Task<bool> HeartbeatAsync(CancellationToken cancellationToken) =>
        WriteAsync(async (version, ct) => await table.HeartbeatAsync(Silo, version, ct).ConfigureAwait(false) is long next
                ? (next, Status!.Value)
                : null,
            cancellationToken);

    /// <summary>Whether <paramref name="data"/> shows this silo dead (or its row gone).</summary>
    public bool IsDeadIn(MembershipTableData data) => data.Find(Silo) is not { Status: not SiloStatus.Dead };

    /// <summary>Records that another silo declared this one dead; no write of this generation succeeds after it.</summary>
    public void MarkDead() => _status = (int)SiloStatus.Dead;

    private async Task<bool> WriteAsync(
        Func<long, CancellationToken, Task<(long Version, SiloStatus Status)?>> write, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts && Status != SiloStatus.Dead; attempt++)
            {
                if (await write(_rowVersion, cancellationToken).ConfigureAwait(false) is { } written)
                {
                    Written(written.Version, written.Status);
                    return true;
                }

                var data = await table.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (IsDeadIn(data))
                {
                    MarkDead();
                    return false;
                }

                _rowVersion = data.Find(Silo)!.RowVersion;
            }

            return Status != SiloStatus.Dead
                ? throw new InvalidOperationException($"Silo {Silo} kept conflicting on its own membership row.")
                : false;
        }
        finally
        {
            _writes.Release();
        }
    }

    private void Written(long version, SiloStatus status)
    {
        _rowVersion = version;
        _status = (int)status;
        Interlocked.Exchange(ref _lastHeartbeat, timeProvider.GetTimestamp());
    }
}
