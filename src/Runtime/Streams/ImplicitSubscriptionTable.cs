using System.Reflection;
using Playbound.Runtime.Activation;
using Playbound.Runtime.Invocation;
using Playbound.Runtime.Serialization;
using Playbound.Runtime.Storage;

namespace Playbound.Runtime.Streams;

/// <summary>
/// Which grain types receive which stream namespaces, from <see cref="ImplicitStreamSubscriptionAttribute"/>.
/// An event on (namespace, key) goes to the grain (subscriber type, key) of every subscriber of the namespace.
/// </summary>
internal sealed class ImplicitSubscriptionTable
{
    private static readonly MethodInfo DeliverMethod =
        typeof(ImplicitSubscriptionTable).GetMethod(nameof(Deliver), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<string, Subscriber[]> _byNamespace;

    public ImplicitSubscriptionTable(GrainTypeManager grainTypes, IGrainCallInvoker invoker, GrainSerializer serializer)
    {
        var subscribers = new Dictionary<string, List<Subscriber>>(StringComparer.Ordinal);
        foreach (var grainClass in grainTypes.GrainClasses)
        {
            foreach (var attribute in grainClass.GetCustomAttributes<ImplicitStreamSubscriptionAttribute>())
            {
                var eventType = SubscribedEventType(grainClass);
                var deliver = DeliverMethod.MakeGenericMethod(eventType)
                    .CreateDelegate<Func<IGrainCallInvoker, GrainSerializer, GrainId, OutboxEntry, Task>>();
                var grainType = GrainTypeManager.GrainTypeName(grainClass);
                if (!subscribers.TryGetValue(attribute.Namespace, out var list))
                {
                    subscribers[attribute.Namespace] = list = [];
                }

                list.Add(new Subscriber(grainType, entry => deliver(invoker, serializer, new GrainId(grainType, entry.Event.Key), entry)));
            }
        }

        _byNamespace = subscribers.ToDictionary(static p => p.Key, static p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The namespaces with at least one subscriber.</summary>
    public IReadOnlyCollection<string> Namespaces => _byNamespace.Keys;

    /// <summary>The subscribers of <paramref name="streamNamespace"/>; empty when none.</summary>
    public IReadOnlyList<Subscriber> For(string streamNamespace) =>
        _byNamespace.TryGetValue(streamNamespace, out var subscribers) ? subscribers : [];

    private static Type SubscribedEventType(Type grainClass)
    {
        var subscriberInterfaces = grainClass.GetInterfaces()
            .Where(static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStreamSubscriber<>))
            .ToArray();
        return subscriberInterfaces.Length == 1
            ? subscriberInterfaces[0].GetGenericArguments()[0]
            : throw new InvalidOperationException(
                $"Grain class {grainClass.FullName} has [ImplicitStreamSubscription] and must implement IStreamSubscriber<T> exactly once.");
    }

    private static Task Deliver<T>(IGrainCallInvoker invoker, GrainSerializer serializer, GrainId target, OutboxEntry entry)
    {
        var request = new StreamDeliveryRequest<T>
        {
            Item = serializer.Deserialize<T>(entry.Event.Payload),
            Info = new StreamEventInfo(new StreamId(entry.Event.Namespace, entry.Event.Key), entry.Event.EventId, entry.Sequence),
        };
        return invoker.InvokeAsync(target, request);
    }

    /// <summary>One subscribing grain type and how to hand it an event.</summary>
    internal sealed record Subscriber(string GrainType, Func<OutboxEntry, Task> DeliverAsync);
}
