using Microsoft.AspNetCore.Http.HttpResults;
using Playbound.Api.Contracts;
using Playbound.Api.Extensions;
using Playbound.Api.Paging;
using Playbound.Grains;

namespace Playbound.Api.Apis;

/// <summary>The caller's notifications.</summary>
public static class NotificationsApi
{
    /// <summary>Maps <c>/api/v1/notifications</c>.</summary>
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapAuthenticatedGroup("/api/v1/notifications", "Notifications");

        api.MapGet("", GetNotifications);
        api.MapPost("/read", MarkAllRead);

        return api;
    }

    /// <summary>A page of notifications, newest first, with the unread count.</summary>
    public static async Task<Results<Ok<NotificationsResponse>, ValidationProblem>> GetNotifications(
        [AsParameters] PageQuery query, [AsParameters] GrainServices services)
    {
        var me = services.Me;
        if (!query.TryRead(services.Cursors, ListKind.Notifications, me, out var page, out var problem))
        {
            return problem;
        }

        var result = await services.Grain<INotificationGrain>(me).GetPage(page.Limit, page.Cursor);
        return TypedResults.Ok(new NotificationsResponse(result.Items, services.Cursors.Protect(ListKind.Notifications, me, result.NextCursor), result.Unread));
    }

    /// <summary>Marks every notification of the caller read.</summary>
    public static async Task<NoContent> MarkAllRead([AsParameters] GrainServices services)
    {
        await services.Grain<INotificationGrain>(services.Me).MarkAllRead();
        return TypedResults.NoContent();
    }
}
