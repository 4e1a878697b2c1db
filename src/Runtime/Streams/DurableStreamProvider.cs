using Microsoft.Extensions.DependencyInjection;
using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Streams;

/// <summary>Streams whose events go to the default storage provider's outbox, from where the relay delivers them.</summary>
internal sealed class DurableStreamProvider(
    [FromKeyedServices(GrainStorageNames.Default)] IGrainStorage storage, GrainSerializer serializer) : IStreamProvider
{
    private readonly IOutboxStore _outbox = storage as IOutboxStore ?? throw new InvalidOperationException(
        $"The default grain storage {storage.GetType().Name} has no outbox, so it cannot carry streams.");

    public IAsyncStream<T> GetStream<T>(string streamNamespace, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new DurableStream<T>(new StreamId(streamNamespace, key), _outbox, serializer);
    }
}
