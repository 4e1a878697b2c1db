using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task<int> Ticks();

    Task Deactivate();
}

/// <summary>Counts timer ticks, each of which must run as a turn of its own.</summary>
public sealed class TimerGrain(Probe probe) : Grain, ITimerGrain
{
    private int _ticks;
    private bool _inCall;

    public Task Start(TimeSpan period)
    {
        RegisterGrainTimer(_ =>
        {
            if (_inCall)
            {
                probe.Increment("timer.overlapped");
            }

            _ticks++;
            probe.Increment($"timer.{GetPrimaryKeyString()}");
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public async Task<int> Ticks()
    {
        _inCall = true;
        await Task.Yield();
        _inCall = false;
        return _ticks;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
