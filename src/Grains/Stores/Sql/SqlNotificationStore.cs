namespace Playbound.Grains.Stores.Sql;

/// <summary><see cref="INotificationStore"/> on the notifications table.</summary>
internal sealed class SqlNotificationStore(SocialDatabase database) : INotificationStore
{
    private const string Insert =
        "INSERT INTO notifications (notification_id, user_id, type, actor_id, actor_handle, post_id, created_at, is_read)" +
        " VALUES (@notification, @owner, @type, @actor, @handle, @post, @created, @read) ON CONFLICT (notification_id) DO NOTHING";

    private const string CountUnread = "SELECT COUNT(*) FROM notifications WHERE user_id = @owner AND NOT is_read";

    private const string MarkAllRead = "UPDATE notifications SET is_read = TRUE WHERE user_id = @owner AND NOT is_read";

    private static readonly PagedQuery Notifications = new(
        "SELECT notification_id, user_id, type, actor_id, actor_handle, post_id, created_at, is_read FROM notifications WHERE user_id = @owner",
        "notification_id < @cursor",
        "ORDER BY notification_id DESC");

    /// <inheritdoc />
    public async Task<bool> AddAsync(NotificationRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var id = SocialValues.Id(notification.NotificationId, "notification.NotificationId");
        var user = SocialValues.Id(notification.UserId, "notification.UserId");
        var type = SocialValues.Text(notification.Type, "notification.Type");
        var actor = SocialValues.Id(notification.ActorId, "notification.ActorId");
        var handle = SocialValues.Text(notification.ActorHandle, "notification.ActorHandle");
        var post = SocialValues.OptionalId(notification.PostId, "notification.PostId");
        var inserted = await database.ExecuteAsync(
            Insert,
            statement => statement.Int64("@notification", id).Int64("@owner", user).Text("@type", type).Int64("@actor", actor)
                .Text("@handle", handle).Int64("@post", post).Time("@created", notification.CreatedAt).Flag("@read", notification.Read),
            cancellationToken).ConfigureAwait(false);
        return inserted > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NotificationRecord>> GetPageAsync(
        string userId, int limit, string? beforeNotificationId, CancellationToken cancellationToken)
    {
        return await Notifications.ListAsync(
            database,
            userId,
            limit,
            beforeNotificationId,
            row => new NotificationRecord(row.Id(0), row.Id(1), row.Text(2), row.Id(3), row.Text(4), row.OptionalId(5), row.Time(6), row.Flag(7)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<long> CountUnreadAsync(string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return database.QueryFirstAsync(CountUnread, statement => statement.Int64("@owner", user), row => row.Int64(0), 0L, cancellationToken);
    }

    /// <inheritdoc />
    public Task MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        var user = SocialValues.Id(userId, nameof(userId));
        return database.ExecuteAsync(MarkAllRead, statement => statement.Int64("@owner", user), cancellationToken);
    }
}
