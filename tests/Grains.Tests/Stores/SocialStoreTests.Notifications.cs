using Playbound.Grains.Stores;

namespace Playbound.Grains.Tests.Stores;

public abstract partial class SocialStoreTests
{
    [Fact]
    public async Task Notifications_are_stored_once_per_id_and_listed_newest_first()
    {
        var (me, actor, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var post = await NewPostAsync(me);
        var follow = new NotificationRecord(NewId(), me, NotificationTypes.Follow, actor, "u" + actor, null, At(1), false);
        var like = new NotificationRecord(NewId(), me, NotificationTypes.Like, actor, "u" + actor, post, At(2), false);
        var mention = new NotificationRecord(NewId(), me, NotificationTypes.Mention, actor, "u" + actor, post, At(3), true);

        Assert.True(await Db.Notifications.AddAsync(follow, default));
        Assert.True(await Db.Notifications.AddAsync(like, default));
        Assert.False(await Db.Notifications.AddAsync(like with { Type = NotificationTypes.Comment }, default));
        Assert.True(await Db.Notifications.AddAsync(mention, default));
        Assert.True(await Db.Notifications.AddAsync(new NotificationRecord(NewId(), other, NotificationTypes.Follow, actor, "a", null, Epoch, false), default));

        Assert.Equal([mention, like], await Db.Notifications.GetPageAsync(me, 2, null, default));
        Assert.Equal([follow], await Db.Notifications.GetPageAsync(me, 2, like.NotificationId, default));
        Assert.Empty(await Db.Notifications.GetPageAsync(me, 2, follow.NotificationId, default));
    }

    [Fact]
    public async Task Unread_notifications_are_counted_until_all_are_marked_read()
    {
        var (me, actor, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        for (var i = 0; i < 3; i++)
        {
            await Db.Notifications.AddAsync(new NotificationRecord(NewId(), me, NotificationTypes.Follow, actor, "a", null, At(i), false), default);
        }

        await Db.Notifications.AddAsync(new NotificationRecord(NewId(), other, NotificationTypes.Follow, actor, "a", null, Epoch, false), default);
        Assert.Equal(3, await Db.Notifications.CountUnreadAsync(me, default));

        await Db.Notifications.MarkAllReadAsync(me, default);
        await Db.Notifications.MarkAllReadAsync(me, default);

        Assert.Equal(0, await Db.Notifications.CountUnreadAsync(me, default));
        Assert.All(await Db.Notifications.GetPageAsync(me, 10, null, default), notification => Assert.True(notification.Read));
        Assert.Equal(1, await Db.Notifications.CountUnreadAsync(other, default));

        await Db.Notifications.AddAsync(new NotificationRecord(NewId(), me, NotificationTypes.Like, actor, "a", NewId(), At(9), false), default);
        Assert.Equal(1, await Db.Notifications.CountUnreadAsync(me, default));
    }
}
