using System.Collections.Concurrent;

namespace Playbound.Runtime.Tests.Infrastructure;

/// <summary>A window into grains for tests: counters, logs and gates that grains receive through DI.</summary>
public sealed class Probe
{
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Slows stream consumers down, so a crash finds events still waiting in the outbox.</summary>
    public TimeSpan DeliveryDelay { get; set; }

    public int Increment(string name) => _counters.AddOrUpdate(name, 1, static (_, v) => v + 1);

    public int Decrement(string name) => _counters.AddOrUpdate(name, -1, static (_, v) => v - 1);

    public int Count(string name) => _counters.GetValueOrDefault(name);

    /// <summary>A gate grains wait on until the test opens it.</summary>
    public Task Gate(string name) => _gates.GetOrAdd(name, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Open(string name) => _gates.GetOrAdd(name, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
