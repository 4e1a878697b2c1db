using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.TestKit.Streaming;

/// <summary>An event of the stream conformance suite; a poison one makes its consumer throw every time.</summary>
[GenerateSerializer, Alias("playbound.testkit.probe-event")]
public sealed record ProbeEvent([property: Id(0)] int Number, [property: Id(1)] bool Poison = false);

/// <summary>Publishes probe events from inside the cluster, as Playbound's grains publish theirs.</summary>
[Alias("playbound.testkit.IProbePublisherGrain")]
public interface IProbePublisherGrain : IGrainWithGuidKey
{
    /// <summary>Publishes <paramref name="events"/>, one stream message each, on this grain's stream.</summary>
    [Alias("Publish")]
    Task Publish(ProbeEvent[] events);
}

/// <summary>The implicit subscriber of the probe stream namespace; it only records what it received.</summary>
[Alias("playbound.testkit.IProbeConsumerGrain")]
public interface IProbeConsumerGrain : IGrainWithGuidKey;

/// <summary>What every consumer received, per stream; all silos of an in-process cluster share it.</summary>
public static class ProbeLog
{
    private static readonly ConcurrentDictionary<Guid, ConcurrentQueue<int>> Received = new();

    /// <summary>The event numbers stream <paramref name="key"/> delivered, in delivery order, repeats included.</summary>
    public static IReadOnlyList<int> ReceivedOn(Guid key) => Received.TryGetValue(key, out var numbers) ? numbers.ToArray() : [];

    internal static void Record(Guid key, int number) => Received.GetOrAdd(key, _ => new()).Enqueue(number);
}

internal sealed class ProbePublisherGrain : Grain, IProbePublisherGrain
{
    public async Task Publish(ProbeEvent[] events)
    {
        var stream = this.GetStreamProvider(StreamProviderConformance.ProviderName)
            .GetStream<ProbeEvent>(StreamId.Create(StreamProviderConformance.Namespace, this.GetPrimaryKey()));
        foreach (var probe in events)
        {
            await stream.OnNextAsync(probe);
        }
    }
}

[ImplicitStreamSubscription(StreamProviderConformance.Namespace)]
internal sealed class ProbeConsumerGrain : Grain, IProbeConsumerGrain, IAsyncObserver<ProbeEvent>
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamProviderConformance.ProviderName)
            .GetStream<ProbeEvent>(StreamId.Create(StreamProviderConformance.Namespace, this.GetPrimaryKey()));
        await stream.SubscribeAsync(this);
    }

    public Task OnNextAsync(ProbeEvent item, StreamSequenceToken? token = null)
    {
        if (item.Poison)
        {
            throw new InvalidOperationException($"probe event {item.Number} is poison");
        }

        ProbeLog.Record(this.GetPrimaryKey(), item.Number);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
