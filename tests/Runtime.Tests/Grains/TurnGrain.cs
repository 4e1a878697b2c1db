using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Grains;

public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Records (caller, sequence) and notes whether another call was inside at the same time.</summary>
    Task Step(int caller, int sequence);

    Task<IReadOnlyList<Step>> Steps();

    Task<int> MaxConcurrency();

    /// <summary>Read-only: waits at the named gate, counting how many read-only calls are inside together.</summary>
    [ReadOnly]
    Task<int> ReadAtGate(string gate);

    /// <summary>Not read-only: records whether any read-only call was inside while it ran.</summary>
    Task<int> Write();
}

public sealed record Step(int Caller, int Sequence);

/// <summary>Checks turn-based execution: counts calls inside the grain at once, across awaits.</summary>
public sealed class TurnGrain(Probe probe) : Grain, ITurnGrain
{
    private readonly List<Step> _steps = [];
    private int _inside;
    private int _maxInside;

    public async Task Step(int caller, int sequence)
    {
        var inside = Interlocked.Increment(ref _inside);
        _maxInside = Math.Max(_maxInside, inside);
        await Task.Yield();
        _steps.Add(new Step(caller, sequence));
        Interlocked.Decrement(ref _inside);
    }

    public Task<IReadOnlyList<Step>> Steps() => Task.FromResult<IReadOnlyList<Step>>([.. _steps]);

    public Task<int> MaxConcurrency() => Task.FromResult(_maxInside);

    public async Task<int> ReadAtGate(string gate)
    {
        var inside = Interlocked.Increment(ref _inside);
        probe.Increment("reads.inside");
        await probe.Gate(gate);
        Interlocked.Decrement(ref _inside);
        return inside;
    }

    public Task<int> Write() => Task.FromResult(Volatile.Read(ref _inside));
}
