using System.Text.Json.Serialization;
using Playbound.Runtime.Invocation;

namespace Playbound.Runtime.Streams;

/// <summary>The grain call that hands one stream event to an implicit subscriber.</summary>
/// <typeparam name="T">The event type.</typeparam>
public sealed class StreamDeliveryRequest<T> : GrainRequest<VoidResult>
{
    private static readonly GrainMethodDescriptor Descriptor = new(
        typeof(IStreamSubscriber<T>), nameof(IStreamSubscriber<T>.OnNextAsync), 0, isReadOnly: false,
        [typeof(T), typeof(StreamEventInfo)], typeof(VoidResult));

    /// <summary>The event.</summary>
    public T Item { get; set; } = default!;

    /// <summary>Where the event came from.</summary>
    public StreamEventInfo Info { get; set; }

    /// <inheritdoc />
    [JsonIgnore]
    public override GrainMethodDescriptor Method => Descriptor;

    /// <inheritdoc />
    public override object?[] GetArguments() => [Item, Info];

    /// <inheritdoc />
    public override Task<VoidResult> InvokeAsync(object grain) =>
        VoidResult.From(((IStreamSubscriber<T>)grain).OnNextAsync(Item, Info));
}
