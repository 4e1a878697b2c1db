using Microsoft.Extensions.Logging;

namespace Playbound.Realtime;

/// <summary>Source-generated logging of the realtime push path.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Pushing {Method} failed; clients catch up through REST")]
    public static partial void PushFailed(this ILogger logger, Exception exception, string method);
}
