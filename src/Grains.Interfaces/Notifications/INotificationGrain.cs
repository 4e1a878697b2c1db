using Orleans.Concurrency;

namespace Playbound.Grains;

/// <summary>A user's notifications (key: user id): follow, like, comment, mention; newest first, with an unread count.</summary>
[Alias("playbound.INotificationGrain")]
public interface INotificationGrain : IGrainWithStringKey
{
    /// <summary>A page of notifications and the unread count.</summary>
    [Alias("GetPage")]
    [ReadOnly]
    Task<NotificationPage> GetPage(int limit, string? cursor);

    /// <summary>Marks every notification read.</summary>
    [Alias("MarkAllRead")]
    Task MarkAllRead();

    /// <summary>Internal (account deletion): some of this user's notifications were removed; the unread count is read again.</summary>
    [Alias("Recount")]
    Task Recount();
}
