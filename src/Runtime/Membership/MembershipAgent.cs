using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Playbound.Runtime.Membership;

/// <summary>
/// A silo's side of membership. Joins as <see cref="SiloStatus.Joining"/> while the host starts and turns
/// <see cref="SiloStatus.Active"/> once every hosted service (the grain-call listener included) has started; turns
/// <see cref="SiloStatus.ShuttingDown"/> as the host begins to stop (still heartbeating while grains deactivate) and
/// <see cref="SiloStatus.Dead"/> after every hosted service stopped. Rows are kept, so a dead generation stays visibly
/// dead, until <see cref="MembershipOptions.DefunctSiloExpiration"/> has passed. Meanwhile it heartbeats, re-reads the table and declares dead the silos whose heartbeat is older
/// than <see cref="MembershipOptions.DeathTimeout"/>; if it finds itself declared dead it stops for good (see
/// <see cref="DeclaredDead"/>).
/// </summary>
public sealed class MembershipAgent : IHostedLifecycleService, IClusterMembership, IAsyncDisposable
{
    private static readonly TimeSpan DefunctCleanupPeriod = TimeSpan.FromHours(1);

    private readonly IMembershipTable _table;
    private readonly MembershipOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MembershipAgent> _logger;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly LocalSiloRow _row;
    private readonly MembershipView _view = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;
    private int _declaredDead;
    private DateTimeOffset _nextDefunctCleanup = DateTimeOffset.MinValue;

    /// <summary>Creates the agent of <paramref name="localSilo"/>; <paramref name="lifetime"/>, when given, is stopped if the silo is declared dead.</summary>
    public MembershipAgent(
        SiloAddress localSilo, IMembershipTable table, MembershipOptions options, TimeProvider timeProvider,
        ILogger<MembershipAgent> logger, IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(localSilo);
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _lifetime = lifetime;
        _row = new LocalSiloRow(localSilo, table, timeProvider);
    }

    /// <inheritdoc />
    public MembershipSnapshot Current => _view.Current;

    /// <inheritdoc />
    public SiloAddress LocalSilo => _row.Silo;

    /// <summary>This silo's status as last written, or null before it joined.</summary>
    public SiloStatus? LocalStatus => _row.Status;

    /// <summary>How long ago this silo last wrote its row successfully (heartbeat or status change).</summary>
    public TimeSpan SinceLastHeartbeat => _row.SinceLastWrite;

    /// <inheritdoc />
    public event Action<MembershipSnapshot>? Changed
    {
        add => _view.Changed += value;
        remove => _view.Changed -= value;
    }

    /// <summary>
    /// Raised once when this silo finds itself declared dead: fatal, the silo must stop (the agent also stops the
    /// host when it has one) and may only come back as a new generation.
    /// </summary>
    public event Action<SiloAddress>? DeclaredDead;

    /// <summary>Creates the table if needed, inserts this silo as Joining and starts heartbeating and refreshing.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await WithTimeoutAsync(_table.InitializeAsync, cancellationToken).ConfigureAwait(false);
        await WithTimeoutAsync(_row.InsertAsync, cancellationToken).ConfigureAwait(false);
        _logger.StatusChanged(LocalSilo, SiloStatus.Joining, _options.ClusterId);
        _loops = Task.WhenAll(
            MembershipLoop.RunAsync("heartbeat", _options.HeartbeatInterval, _options.OperationTimeout, HeartbeatAsync, _timeProvider, _logger, _stopping.Token),
            MembershipLoop.RunAsync("refresh", _options.RefreshInterval, _options.OperationTimeout, RefreshAsync, _timeProvider, _logger, _stopping.Token));
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Turns Active and reads the table, so <see cref="Current"/> includes this silo once the host has started.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await ChangeStatusAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        await WithTimeoutAsync(RefreshAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns ShuttingDown: other processes stop placing grains here while this silo's grains deactivate.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => LeaveStepAsync(SiloStatus.ShuttingDown, cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops heartbeating and turns Dead: the graceful end of this generation.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await StopLoopsAsync().ConfigureAwait(false);
        await LeaveStepAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops heartbeating without leaving, as a crash would: the others declare this silo dead after the death timeout.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopLoopsAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (!await _row.HeartbeatAsync(cancellationToken).ConfigureAwait(false))
        {
            OnDeclaredDead();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var data = await _table.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_row.IsDeadIn(data))
        {
            OnDeclaredDead();
            return;
        }

        if (await DeclareExpiredDeadAsync(data, cancellationToken).ConfigureAwait(false))
        {
            data = await _table.ReadAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_view.Apply(data))
        {
            _logger.SnapshotChanged(data.Version, Current.ActiveSilos.Count);
        }

        await DeleteDefunctAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteDefunctAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _nextDefunctCleanup)
        {
            return;
        }

        _nextDefunctCleanup = now + DefunctCleanupPeriod;
        var deleted = await _table.DeleteDefunctAsync(_options.DefunctSiloExpiration, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            _logger.DefunctSilosDeleted(deleted, _options.DefunctSiloExpiration);
        }
    }

    private async Task<bool> DeclareExpiredDeadAsync(MembershipTableData data, CancellationToken cancellationToken)
    {
        var declared = false;
        foreach (var entry in data.Expired(_options.DeathTimeout).Where(e => e.Silo != LocalSilo))
        {
            // Conditional on the row version read: a heartbeat since, or another silo declaring it first, wins.
            if (await _table.UpdateStatusAsync(entry, SiloStatus.Dead, cancellationToken).ConfigureAwait(false))
            {
                _logger.DeclaredDead(entry.Silo, (data.ReadAt - entry.LastHeartbeat).TotalMilliseconds);
                declared = true;
            }
            else
            {
                _logger.DeclareDeadConflict(entry.Silo);
            }
        }

        return declared;
    }

    private async Task ChangeStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        var changed = false;
        await WithTimeoutAsync(async ct => changed = await _row.ChangeStatusAsync(status, ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
        if (!changed)
        {
            OnDeclaredDead();
            throw new InvalidOperationException($"Silo {LocalSilo} was declared dead before it could become {status}.");
        }

        _logger.StatusChanged(LocalSilo, status, _options.ClusterId);
    }

    private async Task LeaveStepAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        if (_row.Status is null or SiloStatus.Dead)
        {
            return;
        }

        try
        {
            await ChangeStatusAsync(status, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Shutdown goes on regardless: a silo that cannot say goodbye is declared dead by the others instead.
            _logger.LeaveFailed(ex, LocalSilo);
        }
    }

    private void OnDeclaredDead()
    {
        if (Interlocked.Exchange(ref _declaredDead, 1) == 1)
        {
            return;
        }

        _row.MarkDead();
        _logger.LocalSiloDeclaredDead(LocalSilo);
        _stopping.Cancel();
        DeclaredDead?.Invoke(LocalSilo);
        _lifetime?.StopApplication();
    }

    private async Task StopLoopsAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _loops.ConfigureAwait(false);
    }

    private Task WithTimeoutAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        MembershipLoop.WithTimeoutAsync(operation, _options.OperationTimeout, _timeProvider, cancellationToken);
}
