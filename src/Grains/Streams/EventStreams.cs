using Orleans.Runtime;
using Orleans.Streams;

namespace Playbound.Grains.Streams;

/// <summary>How grains reach the durable event log.</summary>
internal static class EventStreams
{
    /// <summary>The stream of <paramref name="streamNamespace"/> keyed by <paramref name="key"/> on <see cref="StreamNamespaces.ProviderName"/>.</summary>
    public static IAsyncStream<T> GetEventStream<T>(this Grain grain, string streamNamespace, string key) =>
        grain.GetStreamProvider(StreamNamespaces.ProviderName).GetStream<T>(StreamId.Create(streamNamespace, key));
}
