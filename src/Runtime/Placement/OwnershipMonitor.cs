using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Membership;

namespace Playbound.Runtime.Placement;

/// <summary>
/// When membership changes, deactivates the local activations whose grains now belong to another silo. Deactivation
/// is the normal last turn (OnDeactivateAsync, state flushed), so the new owner's activation reads the latest state;
/// calls still queued here are answered "not owner" and their callers retry at the new owner.
/// </summary>
internal sealed partial class OwnershipMonitor(
    Catalog catalog, GrainLocator locator, IClusterMembership membership, ILogger<OwnershipMonitor> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        membership.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        membership.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    /// <summary>Deactivates every activation this silo no longer owns; returns how many.</summary>
    public int DeactivateMoved()
    {
        var moved = 0;
        foreach (var activation in catalog.Activations())
        {
            if (!activation.GrainClass.IsStatelessWorker && !locator.OwnsLocally(activation.GrainId))
            {
                activation.RequestDeactivation(DeactivationReason.OwnershipMoved);
                moved++;
            }
        }

        if (moved > 0)
        {
            LogMoved(logger, moved, membership.Current.Version);
        }

        return moved;
    }

    // Changed handlers must be quick: the scan walks every activation, so it runs on the pool.
    private void OnChanged(MembershipSnapshot snapshot) =>
        ThreadPool.UnsafeQueueUserWorkItem(static monitor => monitor.DeactivateMoved(), this, preferLocal: false);

    [LoggerMessage(400, LogLevel.Information, "Membership version {Version}: deactivating {Count} activations owned by other silos now")]
    private static partial void LogMoved(ILogger logger, int count, long version);
}
