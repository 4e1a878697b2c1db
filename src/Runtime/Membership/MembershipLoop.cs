using Microsoft.Extensions.Logging;

namespace Playbound.Runtime.Membership;

/// <summary>The periodic work of membership (heartbeats, refreshes): every step under a timeout, failures logged and retried.</summary>
internal static class MembershipLoop
{
    /// <summary>Runs <paramref name="step"/> every <paramref name="period"/> until <paramref name="stopping"/> is cancelled.</summary>
    public static async Task RunAsync(
        string name, TimeSpan period, TimeSpan timeout, Func<CancellationToken, Task> step, TimeProvider timeProvider,
        ILogger logger, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(period, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await WithTimeoutAsync(step, timeout, timeProvider, stopping).ConfigureAwait(false);
                }
                catch (Exception) when (stopping.IsCancellationRequested)
                {
                    // The loop is ending: whatever the interrupted step threw (a cancellation, or the error it was
                    // failing with anyway) is no reason to fail the stop.
                    return;
                }
                catch (Exception ex)
                {
                    // A database hiccup must not end the loop: the next tick tries again, and the death timeout
                    // spans several ticks.
                    logger.StepFailed(ex, name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Runs <paramref name="operation"/> cancelled by <paramref name="cancellationToken"/> or after <paramref name="timeout"/>.</summary>
    public static async Task WithTimeoutAsync(
        Func<CancellationToken, Task> operation, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await operation(linked.Token).ConfigureAwait(false);
    }
}
