namespace Playbound.Api.Realtime;

/// <summary>The realtime side's log messages.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Hub call {Method} by {UserId} rejected by the rate limit")]
    public static partial void HubCallRejected(this ILogger logger, string method, string userId);
}
