using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Playbound.Realtime.Presence;

/// <summary>
/// Source-generated logging of cluster presence over Redis (EventIds 4120-4139).
/// </summary>
internal static partial class PresenceLog
{
    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Presence node {Node} announces its users on Redis channel {Channel}")]
    public static partial void AnnouncerStarted(this ILogger logger, string node, string channel);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Warning, Message = "Announcing presence ({Kind}) failed; the next snapshot corrects it")]
    public static partial void AnnounceFailed(this ILogger logger, Exception exception, string kind);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Debug, Message = "Silo {Replica} said hello; answering with a snapshot")]
    public static partial void HelloReceived(this ILogger logger, string replica);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Information, Message = "Presence replica {Replica} follows Redis channel {Channel}")]
    public static partial void ReplicaStarted(this ILogger logger, string replica, string channel);

    [LoggerMessage(EventId = 4124, Level = LogLevel.Warning, Message = "Ignoring a malformed presence message on {Channel}: {Problem}")]
    public static partial void MalformedPresence(this ILogger logger, string channel, string problem);

    [LoggerMessage(EventId = 4125, Level = LogLevel.Warning, Message = "Asking the Api nodes for snapshots failed; presence fills in from their periodic snapshots")]
    public static partial void HelloFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4126, Level = LogLevel.Warning, Message = "{Name} lost its Redis {ConnectionType} connection ({FailureType}); it reconnects by itself")]
    public static partial void ConnectionLost(this ILogger logger, Exception? exception, string name, ConnectionType connectionType, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 4127, Level = LogLevel.Information, Message = "{Name} got its Redis {ConnectionType} connection back")]
    public static partial void ConnectionBack(this ILogger logger, string name, ConnectionType connectionType);

    [LoggerMessage(EventId = 4128, Level = LogLevel.Warning, Message = "{Name} cannot subscribe to Redis channel {Channel} yet; retrying in {Delay}")]
    public static partial void SubscribeFailed(this ILogger logger, Exception exception, string name, string channel, TimeSpan delay);

    [LoggerMessage(EventId = 4129, Level = LogLevel.Information, Message = "Presence node {Node} fell silent past its TTL; its users are offline unless another node holds them")]
    public static partial void NodeExpired(this ILogger logger, string node);

    [LoggerMessage(EventId = 4130, Level = LogLevel.Error, Message = "Applying a presence message ({Kind}) from {Node} failed")]
    public static partial void ApplyFailed(this ILogger logger, Exception exception, string kind, string node);
}
