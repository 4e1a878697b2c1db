namespace Playbound.Api.Realtime;

/// <summary>The realtime side's log messages.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Pushing {Method} failed; clients catch up through REST")]
    public static partial void PushFailed(this ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Hub call {Method} by {UserId} rejected by the rate limit")]
    public static partial void HubCallRejected(this ILogger logger, string method, string userId);
}
