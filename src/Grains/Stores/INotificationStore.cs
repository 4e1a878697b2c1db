namespace Playbound.Grains.Stores;

/// <summary>Notifications per user, newest first.</summary>
public interface INotificationStore
{
    /// <summary>Adds a notification; idempotent by id (redelivered events notify once).</summary>
    Task<bool> AddAsync(NotificationRecord notification, CancellationToken cancellationToken);

    /// <summary>A user's notifications, newest first, older than <paramref name="beforeNotificationId"/> when given.</summary>
    Task<IReadOnlyList<NotificationRecord>> GetPageAsync(string userId, int limit, string? beforeNotificationId, CancellationToken cancellationToken);

    /// <summary>How many of a user's notifications are unread.</summary>
    Task<long> CountUnreadAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Marks all of a user's notifications read.</summary>
    Task MarkAllReadAsync(string userId, CancellationToken cancellationToken);
}
