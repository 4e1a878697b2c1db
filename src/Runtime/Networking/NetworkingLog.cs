using Microsoft.Extensions.Logging;

namespace Playbound.Runtime.Networking;

/// <summary>The transport's log messages (event ids 41x).</summary>
internal static partial class NetworkingLog
{
    [LoggerMessage(410, LogLevel.Information, "Listening for grain calls on port {Port}")]
    public static partial void Listening(ILogger logger, int port);

    [LoggerMessage(411, LogLevel.Warning, "Closing the connection from {Remote}: {Reason}")]
    public static partial void InvalidFrame(ILogger logger, string remote, string reason);

    [LoggerMessage(412, LogLevel.Debug, "The connection to silo {Silo} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string silo, string reason);

    [LoggerMessage(413, LogLevel.Warning, "Cannot connect to silo {Silo}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, string silo);

    [LoggerMessage(414, LogLevel.Debug, "Call to grain {GrainId} retried: {Reason}")]
    public static partial void CallRetried(ILogger logger, GrainId grainId, string reason);
}
