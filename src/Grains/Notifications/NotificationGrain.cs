using Playbound.Grains.Realtime;
using Playbound.Grains.Stores;
using Playbound.Grains.Streams;

namespace Playbound.Grains.Notifications;

/// <summary>
/// A user's notifications (key: user id). Producers publish <see cref="NotificationRequested"/> on the durable event log
/// (stream <see cref="StreamNamespaces.Notifications"/>, key: the user), so a notification is never lost to a crash;
/// this grain stores each one idempotently by id, keeps the unread count in memory and pushes each new one to the
/// user if they are online.
/// </summary>
[ImplicitStreamSubscription(StreamNamespaces.Notifications)]
public sealed class NotificationGrain(INotificationStore notifications, IUserPresence presence, IRealtimePublisher realtime)
    : ImplicitSubscriberGrain<NotificationRequested>(StreamNamespaces.Notifications), INotificationGrain
{
    private long _unread;

    private string UserId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _unread = await notifications.CountUnreadAsync(UserId, cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task OnEventAsync(NotificationRequested item)
    {
        // Nothing a blocked, blocking or muted user does notifies; the event is consumed and dropped.
        if ((await GrainFactory.GetGrain<IRelationsGrain>(UserId).GetRelations()).Silences(item.ActorId))
        {
            return;
        }

        var record = new NotificationRecord(
            item.NotificationId, UserId, item.Type, item.ActorId, item.ActorHandle, item.PostId, item.CreatedAt, Read: false);
        if (await notifications.AddAsync(record, CancellationToken.None))
        {
            _unread++;
            if (presence.IsOnline(UserId))
            {
                realtime.PushToUsers([UserId], RealtimeMethods.Notification, View(record));
            }
        }
    }

    /// <inheritdoc />
    public async Task<NotificationPage> GetPage(int limit, string? cursor)
    {
        var page = await KeysetPages.ReadAsync(limit, cursor, (take, before) => notifications.GetPageAsync(UserId, take, before, CancellationToken.None), static n => n.NotificationId);
        return new NotificationPage([.. page.Items.Select(View)], page.NextCursor, _unread);
    }

    /// <inheritdoc />
    public async Task MarkAllRead()
    {
        await notifications.MarkAllReadAsync(UserId, CancellationToken.None);
        _unread = 0;
    }

    /// <inheritdoc />
    public async Task Recount() => _unread = await notifications.CountUnreadAsync(UserId, CancellationToken.None);

    private static NotificationView View(NotificationRecord n) => new(n.NotificationId, n.Type, n.ActorId, n.ActorHandle, n.PostId, n.CreatedAt, n.Read);
}
