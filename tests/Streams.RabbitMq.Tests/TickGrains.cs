using System.Collections.Concurrent;
using Playbound.Runtime;
using Playbound.Runtime.Streams;

namespace Playbound.Streams.RabbitMq.Tests;

public sealed record Tick(int Number, bool Poison = false);

public interface ITickSourceGrain : IGrainWithStringKey
{
    /// <summary>Writes ticks to the "ticks" stream of this grain's key, through the outbox.</summary>
    Task Emit(int from, int count);

    Task EmitPoison(int number);
}

public sealed class TickSourceGrain : Grain, ITickSourceGrain
{
    public async Task Emit(int from, int count)
    {
        var stream = GetStream<Tick>(TickRecorderGrain.Namespace, GetPrimaryKeyString());
        for (var number = from; number < from + count; number++)
        {
            await stream.OnNextAsync(new Tick(number));
        }
    }

    public Task EmitPoison(int number) =>
        GetStream<Tick>(TickRecorderGrain.Namespace, GetPrimaryKeyString()).OnNextAsync(new Tick(number, Poison: true));
}

/// <summary>What every silo of a test delivered, shared by all of them.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<int, int> _poisonAttempts = new();

    public IReadOnlyCollection<Delivery> Deliveries => _deliveries;

    public void Add(Delivery delivery) => _deliveries.Enqueue(delivery);

    public int RecordPoisonAttempt(int number) => _poisonAttempts.AddOrUpdate(number, 1, static (_, n) => n + 1);

    public int PoisonAttempts(int number) => _poisonAttempts.GetValueOrDefault(number);

    /// <summary>Numbers delivered for <paramref name="key"/>, in delivery order.</summary>
    public int[] NumbersOf(string key) => [.. _deliveries.Where(d => d.Key == key).Select(static d => d.Number)];
}

public sealed record Delivery(string Silo, string Key, int Number, Guid EventId);

public interface ITickRecorderGrain : IGrainWithStringKey;

/// <summary>The subscriber: records each delivery with the silo it ran on; a poison tick always throws.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class TickRecorderGrain(DeliveryLog log, SiloName silo) : Grain, ITickRecorderGrain, IStreamSubscriber<Tick>
{
    public const string Namespace = "ticks";

    public Task OnNextAsync(Tick item, StreamEventInfo info)
    {
        if (item.Poison)
        {
            log.RecordPoisonAttempt(item.Number);
            throw new InvalidOperationException($"tick {item.Number} is poison");
        }

        log.Add(new Delivery(silo.Name, GetPrimaryKeyString(), item.Number, info.EventId));
        return Task.CompletedTask;
    }
}

public sealed record SiloName(string Name);
