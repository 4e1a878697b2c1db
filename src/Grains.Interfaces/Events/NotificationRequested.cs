namespace Playbound.Grains;

/// <summary>
/// Asks for a notification to be stored, on stream <see cref="StreamNamespaces.Notifications"/> keyed by
/// <paramref name="UserId"/>. The id is chosen once by the producer and stored in the event, so redelivery notifies once.
/// </summary>
/// <param name="NotificationId">The notification's time-sortable id.</param>
/// <param name="UserId">Who is notified.</param>
/// <param name="Type">One of <see cref="NotificationTypes"/>.</param>
/// <param name="ActorId">Who caused it.</param>
/// <param name="ActorHandle">The actor's handle.</param>
/// <param name="PostId">The post concerned, for like, comment and mention.</param>
/// <param name="CreatedAt">When it happened.</param>
[GenerateSerializer, Alias("playbound.NotificationRequested")]
public sealed record NotificationRequested(
    [property: Id(0)] string NotificationId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string Type,
    [property: Id(3)] string ActorId,
    [property: Id(4)] string ActorHandle,
    [property: Id(5)] string? PostId,
    [property: Id(6)] DateTimeOffset CreatedAt);
