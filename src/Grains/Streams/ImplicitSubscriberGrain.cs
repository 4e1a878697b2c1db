using Orleans.Streams;

namespace Playbound.Grains.Streams;

/// <summary>
/// A grain that consumes the stream of its own key in <paramref name="streamNamespace"/> (the grain class carries the
/// matching <see cref="ImplicitStreamSubscriptionAttribute"/>). Orleans delivers each event as a call to this
/// activation, in order per key; an event whose handler throws is retried until the provider dead-letters it. The
/// grain is keyed by string like the stream, which is what lets Orleans map a stream key to this grain.
/// </summary>
/// <typeparam name="TEvent">The namespace's event type.</typeparam>
public abstract class ImplicitSubscriberGrain<TEvent>(string streamNamespace) : Grain, IGrainWithStringKey, IAsyncObserver<TEvent>
{
    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await this.GetEventStream<TEvent>(streamNamespace, this.GetPrimaryKeyString()).SubscribeAsync(this);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task OnNextAsync(TEvent item, StreamSequenceToken? token = null) => OnEventAsync(item);

    /// <inheritdoc />
    public Task OnCompletedAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    /// <summary>Handles one event; must be idempotent, as delivery is at least once.</summary>
    protected abstract Task OnEventAsync(TEvent item);
}
