using Playbound.Runtime;

namespace Playbound.Grains;

/// <summary>A user's notifications (key: user id): follow, like, comment, mention; newest first, with an unread count.</summary>
public interface INotificationGrain : IGrainWithStringKey
{
    /// <summary>A page of notifications and the unread count.</summary>
    [ReadOnly]
    Task<NotificationPage> GetPage(int limit, string? cursor);

    /// <summary>Marks every notification read.</summary>
    Task MarkAllRead();
}
