using Playbound.Runtime.Activation;

namespace Playbound.Runtime.Timers;

/// <summary>
/// A grain timer: each tick queues one turn on its activation, so the callback never runs beside a call.
/// A tick that finds the previous one still queued or running is skipped rather than piling up.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _timer;
    private int _tickPending;

    private GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = activation.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnTick(), this, dueTime, period);
    }

    public static GrainTimer Start(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer(activation, callback, dueTime, period);
        activation.AddTimer(timer);
        return timer;
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        if (!_activation.TryEnqueue(new TickWorkItem(this)))
        {
            Dispose();
        }
    }

    private sealed class TickWorkItem(GrainTimer timer) : WorkItem
    {
        public override bool IsReadOnly => false;

        public override void Start(ActivationData activation) => _ = RunAsync(activation);

        public override void Fail(Exception exception) => Volatile.Write(ref timer._tickPending, 0);

        private async Task RunAsync(ActivationData activation)
        {
            try
            {
                if (activation.State == ActivationState.Valid && !timer._disposed.IsCancellationRequested)
                {
                    await timer._callback(timer._disposed.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                activation.Runtime.Logger.TimerFailed(ex, activation.GrainId);
            }
            finally
            {
                Volatile.Write(ref timer._tickPending, 0);
                activation.EndTurn();
            }
        }
    }
}
