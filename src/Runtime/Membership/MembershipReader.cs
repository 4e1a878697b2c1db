using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Playbound.Runtime.Membership;

/// <summary>
/// Membership as a gateway (an Api node that hosts no grains) sees it: re-reads the table every
/// <see cref="MembershipOptions.RefreshInterval"/> and never writes. It does not declare silos dead either; the
/// silos do that, so a crashed silo leaves a gateway's snapshot one refresh after a silo declared it dead.
/// </summary>
public sealed class MembershipReader : IHostedService, IClusterMembership, IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly MembershipOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MembershipReader> _logger;
    private readonly MembershipView _view = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the reader of <paramref name="table"/>.</summary>
    public MembershipReader(
        IMembershipTable table, MembershipOptions options, TimeProvider timeProvider, ILogger<MembershipReader> logger)
    {
        _table = table ?? throw new ArgumentNullException(nameof(table));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

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
        await MembershipLoop.WithTimeoutAsync(_table.InitializeAsync, _options.OperationTimeout, _timeProvider, cancellationToken)
            .ConfigureAwait(false);
        await MembershipLoop.WithTimeoutAsync(RefreshAsync, _options.OperationTimeout, _timeProvider, cancellationToken)
            .ConfigureAwait(false);
        _loop = MembershipLoop.RunAsync(
            "refresh", _options.RefreshInterval, _options.OperationTimeout, RefreshAsync, _timeProvider, _logger, _stopping.Token);
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
        var data = await _table.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_view.Apply(data))
        {
            _logger.SnapshotChanged(data.Version, data.ToSnapshot().ActiveSilos.Count);
        }
    }
}
