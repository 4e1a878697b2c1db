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
public sealed record NotificationRequested(
    string NotificationId, string UserId, string Type, string ActorId, string ActorHandle, string? PostId, DateTimeOffset CreatedAt);
