using Microsoft.Extensions.Logging;

namespace Playbound.Streams.RabbitMq;

/// <summary>
/// The partition consumers running on this silo: starts one for each partition it comes to own, stops those it no
/// longer owns, and restarts one that failed (a checkpoint write that hit a database outage, a channel the broker
/// closed) from its checkpoint.
/// </summary>
internal sealed class PartitionConsumers(Func<StreamPartition, PartitionConsumer> create, ILogger logger)
{
    private readonly Dictionary<StreamPartition, Running> _running = [];

    public async Task BalanceAsync(StreamBrokerSession session, IReadOnlySet<StreamPartition> owned, CancellationToken cancellationToken)
    {
        foreach (var (partition, running) in _running.ToArray())
        {
            if (!owned.Contains(partition))
            {
                logger.PartitionReleased(partition.ToString());
                await StopAsync(partition, running).ConfigureAwait(false);
            }
            else if (running.Task.IsCompleted)
            {
                if (running.Task.Exception?.GetBaseException() is { } error)
                {
                    logger.PartitionFailed(error, partition.ToString());
                }

                await StopAsync(partition, running).ConfigureAwait(false);
            }
        }

        foreach (var partition in owned.Where(p => !_running.ContainsKey(p)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var consumer = create(partition);
            _running[partition] = new Running(Task.Run(() => consumer.RunAsync(session, stop.Token), CancellationToken.None), stop);
        }
    }

    public async Task StopAllAsync()
    {
        foreach (var (partition, running) in _running.ToArray())
        {
            await StopAsync(partition, running).ConfigureAwait(false);
        }
    }

    private async Task StopAsync(StreamPartition partition, Running running)
    {
        _running.Remove(partition);
        await running.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.Task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Stopped mid-batch, or already failed and logged: its events after the checkpoint go to the next owner.
        }

        running.Stop.Dispose();
    }

    private sealed record Running(Task Task, CancellationTokenSource Stop);
}
