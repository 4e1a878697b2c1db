using Playbound.Runtime.Streams;
using Playbound.Runtime.Tests.Infrastructure;

namespace Playbound.Runtime.Tests.Grains;

public sealed record Deposit(int Number, int Amount);

public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Adds to the balance and emits a Deposit event in the same write.</summary>
    Task Deposit(int number, int amount);

    /// <summary>Emits an event without changing state.</summary>
    Task Announce(int number);

    Task<int> Balance();
}

public sealed record AccountState
{
    public int Balance { get; init; }
}

/// <summary>A producer: each deposit writes its balance and a "deposits" event to the ledger of the same key atomically.</summary>
public sealed class AccountGrain([PersistentState("account")] IPersistentState<AccountState> state) : Grain, IAccountGrain
{
    public async Task Deposit(int number, int amount)
    {
        state.State = state.State with { Balance = state.State.Balance + amount };
        var stream = GetStream<Deposit>(LedgerGrain.Namespace, GetPrimaryKeyString());
        await state.WriteStateAsync(stream.CreateEvent(new Deposit(number, amount)));
    }

    public Task Announce(int number) =>
        GetStream<Deposit>(LedgerGrain.Namespace, GetPrimaryKeyString()).OnNextAsync(new Deposit(number, 0));

    public Task<int> Balance() => Task.FromResult(state.State.Balance);
}

public interface ILedgerGrain : IGrainWithStringKey
{
    Task<LedgerState> Read();
}

public sealed record LedgerState
{
    public List<int> Numbers { get; init; } = [];

    public HashSet<Guid> SeenEvents { get; init; } = [];

    public int Total { get; init; }
}

/// <summary>
/// A consumer that stays exactly-once under at-least-once delivery: it records each event id with its effect in
/// one state write and ignores ids it has seen.
/// </summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state, Probe probe)
    : Grain, ILedgerGrain, IStreamSubscriber<Deposit>
{
    public const string Namespace = "deposits";

    public async Task OnNextAsync(Deposit item, StreamEventInfo info)
    {
        probe.Increment("ledger.deliveries");
        if (probe.DeliveryDelay > TimeSpan.Zero)
        {
            await Task.Delay(probe.DeliveryDelay);
        }

        if (item.Amount < 0 && probe.Increment($"ledger.reject.{item.Number}") <= 2)
        {
            throw new InvalidOperationException("negative deposits fail twice before they are accepted");
        }

        if (state.State.SeenEvents.Contains(info.EventId))
        {
            probe.Increment("ledger.duplicates");
            return;
        }

        state.State.Numbers.Add(item.Number);
        state.State.SeenEvents.Add(info.EventId);
        state.State = state.State with { Total = state.State.Total + item.Amount };
        await state.WriteStateAsync();
    }

    public Task<LedgerState> Read() => Task.FromResult(state.State);
}
