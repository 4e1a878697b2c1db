using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playbound.Runtime.Membership;
using Playbound.Runtime.Placement;
using Playbound.Runtime.Resilience;
using Playbound.Runtime.Storage;
using Playbound.Runtime.Streams;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// A silo's side of cluster streams, in place of the in-process outbox relay: over one broker session it runs the
/// <see cref="OutboxPublisher"/> (which only the silo holding the relay lock uses) and a
/// <see cref="PartitionConsumer"/> for each partition this silo owns. A partition is owned like a grain: by the
/// silo the placement hash picks among the active silos, so every silo agrees without talking, and ownership
/// follows membership. When the session is lost everything stops and starts again from the checkpoints.
/// </summary>
internal sealed class RabbitMqStreamRelay : BackgroundService
{
    private const int MaxDatabaseConnections = 4;

    private readonly IOptions<RabbitMqStreamOptions> _options;
    private readonly IClusterMembership _membership;
    private readonly IPlacementDirector _placement;
    private readonly IOutboxStore[] _stores;
    private readonly StreamEventDispatcher _dispatcher;
    private readonly OutboxSignal _signal;
    private readonly DependencyCircuit _broker;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RabbitMqStreamRelay> _logger;
    private readonly SemaphoreSlim _membershipChanged = new(0, 1);
    private readonly Action<MembershipSnapshot> _onMembershipChanged;

    public RabbitMqStreamRelay(
        IOptions<RabbitMqStreamOptions> options,
        IClusterMembership membership,
        IPlacementDirector placement,
        IEnumerable<IOutboxStore> stores,
        StreamEventDispatcher dispatcher,
        OutboxSignal signal,
        DependencyCircuits circuits,
        TimeProvider timeProvider,
        ILogger<RabbitMqStreamRelay> logger)
    {
        _options = options;
        _membership = membership;
        _placement = placement;
        _stores = [.. stores.Distinct()];
        _dispatcher = dispatcher;
        _signal = signal;
        _broker = circuits.Get(DependencyCircuits.Broker);
        _timeProvider = timeProvider;
        _logger = logger;
        _onMembershipChanged = _ => Wake();
        membership.Changed += _onMembershipChanged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _options.Value;
        var partitioner = new StreamPartitioner(options);
        var partitions = partitioner.All(_dispatcher.Namespaces).ToArray();
        // The relay lock holds one connection; checkpoints are one short statement per batch and can take turns.
        var builder = PostgresDataSources.CreateBuilder(options.ConnectionString);
        builder.ConnectionStringBuilder.MaxPoolSize = MaxDatabaseConnections;
        await using var database = builder.Build();
        var checkpoints = new StreamCheckpoints(database);
        var publisher = new OutboxPublisher(
            _stores, _dispatcher.Namespaces.ToHashSet(StringComparer.Ordinal), _signal, partitioner, database, options, _logger);
        var consumers = new PartitionConsumers(
            partition => new PartitionConsumer(partition, partitioner, checkpoints, _dispatcher, options, _timeProvider, _logger), _logger);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Each attempt, as the database may have been away: idempotent, and cheap once the table exists.
                await checkpoints.InitializeAsync(stoppingToken).ConfigureAwait(false);

                // Through the broker circuit, which realtime pushes share: an unreachable broker opens it, and
                // /health/ready says so until a session opens again.
                await using var session = await _broker.ExecuteAsync(
                    token => new ValueTask<StreamBrokerSession>(StreamBrokerSession.OpenAsync(
                        options, partitioner, partitions, $"{options.QueuePrefix} silo {_membership.LocalSilo}", token)),
                    stoppingToken).ConfigureAwait(false);
                _logger.BrokerConnected(options.QueuePrefix, partitions.Length);
                using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, session.Lost);
                var relaying = publisher.RunAsync(session, running.Token);
                try
                {
                    await BalanceUntilLostAsync(session, consumers, partitions, running.Token).ConfigureAwait(false);
                }
                finally
                {
                    await running.CancelAsync().ConfigureAwait(false);
                    await consumers.StopAllAsync().ConfigureAwait(false);
                    await relaying.ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _logger.SessionFailed(exception, options.ReconnectInterval);
            }

            if (!stoppingToken.IsCancellationRequested)
            {
                _logger.BrokerLost(options.ReconnectInterval);
                await Task.Delay(options.ReconnectInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task BalanceUntilLostAsync(
        StreamBrokerSession session, PartitionConsumers consumers, StreamPartition[] partitions, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var snapshot = _membership.Current;
            var local = _membership.LocalSilo;
            var owned = partitions.Where(p => local is not null && Equals(_placement.GetOwner(p.OwnerKey, snapshot), local)).ToHashSet();
            await consumers.BalanceAsync(session, owned, cancellationToken).ConfigureAwait(false);
            try
            {
                await _membershipChanged.WaitAsync(_options.Value.RebalanceInterval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Wake()
    {
        try
        {
            _membershipChanged.Release();
        }
        catch (SemaphoreFullException)
        {
            // A rebalance is already pending.
        }
    }

    public override void Dispose()
    {
        _membership.Changed -= _onMembershipChanged;
        _membershipChanged.Dispose();
        base.Dispose();
    }
}
