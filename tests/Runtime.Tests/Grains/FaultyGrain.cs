using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Grains;

public interface IFaultyGrain : IGrainWithStringKey
{
    Task<int> Ping();

    Task Throw(string message);

    Task ThrowCustom(string message);

    Task<int> WaitAtGate(string gate);

    Task<int> Echo(Payload payload);
}

public sealed record Payload(string Text, Action? Callback = null);

/// <summary>Fails on request, and counts the calls it still serves afterwards.</summary>
public sealed class FaultyGrain(Probe probe) : Grain, IFaultyGrain
{
    private int _calls;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Fails the first activation of keys starting with "broken-" to show that a failed activation is retried.
        if (GetPrimaryKeyString().StartsWith("broken-", StringComparison.Ordinal) && probe.Increment($"activate.{GetPrimaryKeyString()}") == 1)
        {
            throw new InvalidOperationException("activation failed once");
        }

        return Task.CompletedTask;
    }

    public Task<int> Ping() => Task.FromResult(++_calls);

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task ThrowCustom(string message) => throw new GrainRuleException(message, 42);

    public async Task<int> WaitAtGate(string gate)
    {
        probe.Increment($"waiting.{gate}");
        await probe.Gate(gate);
        return ++_calls;
    }

    public Task<int> Echo(Payload payload) => Task.FromResult(payload.Text.Length);
}

/// <summary>An exception without a (string) constructor: it cannot be rebuilt on the caller's side.</summary>
public sealed class GrainRuleException(string message, int code) : Exception(message)
{
    public int Code { get; } = code;
}

/// <summary>An interface no grain class implements.</summary>
public interface IOrphanGrain : IGrainWithStringKey
{
    Task Nothing();
}
