using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Playbound.Runtime.Membership;

/// <summary>
/// Membership as a gateway (an Api node that hosts no grains) sees it: re-reads the table every
/// <see cref="MembershipOptions.RefreshInterval"/> and never writes. It does not declare silos dead either; the
/// silos do that, so a crashed silo leaves a gateway's snapshot one refresh after a silo declared it dead.
/// </summary>
/// <param name="table">The cluster's table.</param>
/// <param name="options">The cluster and its refresh timing.</param>
/// <param name="timeProvider">The clock of refreshes and timeouts.</param>
/// <param name="logger">The log of snapshot changes and failed reads.</param>
public sealed class MembershipReader(
    IMembershipTable table, MembershipOptions options, TimeProvider timeProvider, ILogger<MembershipReader> logger)
    : IHostedService, IClusterMembership, IAsyncDisposable
{
    private readonly MembershipView _view = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <inheritdoc />
    public MembershipSnapshot Current => _view.Current;

    /// <summary>Always null: a gateway hosts no grains.</summary>
    public SiloAddress? LocalSilo => null;

    /// <inheritdoc />
    public event Action<MembershipSnapshot>? Changed
    {
        add => _view.Changed += value;
        remove => _view.Changed -= value;
    }

    /// <summary>Creates the table if needed (a gateway may start before any silo) and reads it once, then keeps refreshing.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MembershipLoop.WithTimeoutAsync(table.InitializeAsync, options.OperationTimeout, timeProvider, cancellationToken)
            .ConfigureAwait(false);
        await MembershipLoop.WithTimeoutAsync(RefreshAsync, options.OperationTimeout, timeProvider, cancellationToken)
            .ConfigureAwait(false);
        _loop = MembershipLoop.RunAsync(
            "refresh", options.RefreshInterval, options.OperationTimeout, RefreshAsync, timeProvider, logger, _stopping.Token);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var data = await table.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_view.Apply(data))
        {
            logger.SnapshotChanged(data.Version, data.ToSnapshot().ActiveSilos.Count);
        }
    }
}
