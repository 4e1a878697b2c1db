using Playbound.Api.Paging;
using Playbound.Grains;

namespace Playbound.Api.Contracts;

/// <summary>One page of a list: <c>{items, nextCursor}</c>; <c>nextCursor</c> is null on the last page.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items.</param>
/// <param name="NextCursor">The opaque cursor of the next page, or null.</param>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A page of notifications with the unread count.</summary>
/// <param name="Items">The notifications, newest first.</param>
/// <param name="NextCursor">The opaque cursor of the next page, or null.</param>
/// <param name="Unread">How many notifications are unread in all.</param>
public sealed record NotificationsResponse(IReadOnlyList<NotificationView> Items, string? NextCursor, long Unread);

/// <summary>Turns grain pages into client pages, wrapping raw positions in opaque cursors.</summary>
public static class PageResponses
{
    /// <summary>The client page for <paramref name="page"/> of list (<paramref name="kind"/>, <paramref name="scope"/>).</summary>
    public static PageResponse<T> ToResponse<T>(this Page<T> page, CursorProtector cursors, ListKind kind, string scope) =>
        new(page.Items, cursors.Protect(kind, scope, page.NextCursor));
}
