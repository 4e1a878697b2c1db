using System.Collections.Concurrent;
using Playbound.Runtime;
using Playbound.Runtime.Streams;

namespace Playbound.Streams.RabbitMq.Tests;

public sealed record Tick(int Number, bool Poison = false, int Outages = 0);

public interface ITickSourceGrain : IGrainWithStringKey
{
    /// <summary>Writes ticks to the "ticks" stream of this grain's key, through the outbox.</summary>
    Task Emit(int from, int count);

    Task EmitPoison(int number);

    /// <summary>A tick whose delivery times out <paramref name="outages"/> times, as during an outage, and then succeeds.</summary>
    Task EmitDuringOutage(int number, int outages);
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

    public Task EmitDuringOutage(int number, int outages) =>
        GetStream<Tick>(TickRecorderGrain.Namespace, GetPrimaryKeyString()).OnNextAsync(new Tick(number, Outages: outages));
}

/// <summary>What every silo of a test delivered, shared by all of them.</summary>
public sealed class DeliveryLog
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ConcurrentDictionary<int, int> _failedAttempts = new();

    public IReadOnlyCollection<Delivery> Deliveries => _deliveries;

    public void Add(Delivery delivery) => _deliveries.Enqueue(delivery);

    public int RecordFailedAttempt(int number) => _failedAttempts.AddOrUpdate(number, 1, static (_, n) => n + 1);

    public int FailedAttempts(int number) => _failedAttempts.GetValueOrDefault(number);

    /// <summary>Numbers delivered for <paramref name="key"/>, in delivery order.</summary>
    public int[] NumbersOf(string key) => [.. _deliveries.Where(d => d.Key == key).Select(static d => d.Number)];
}

public sealed record Delivery(string Silo, string Key, int Number, Guid EventId);

public interface ITickRecorderGrain : IGrainWithStringKey;

/// <summary>The subscriber: records each delivery with the silo it ran on; a poison tick always throws, an outage tick times out a few times.</summary>
[ImplicitStreamSubscription(Namespace)]
public sealed class TickRecorderGrain(DeliveryLog log, SiloName silo) : Grain, ITickRecorderGrain, IStreamSubscriber<Tick>
{
    public const string Namespace = "ticks";

    public Task OnNextAsync(Tick item, StreamEventInfo info)
    {
        if (item.Poison)
        {
            log.RecordFailedAttempt(item.Number);
            throw new InvalidOperationException($"tick {item.Number} is poison");
        }

        if (item.Outages > log.FailedAttempts(item.Number))
        {
            log.RecordFailedAttempt(item.Number);
            throw new TimeoutException($"tick {item.Number} met an outage");
        }

        log.Add(new Delivery(silo.Name, GetPrimaryKeyString(), item.Number, info.EventId));
        return Task.CompletedTask;
    }
}

public sealed record SiloName(string Name);
