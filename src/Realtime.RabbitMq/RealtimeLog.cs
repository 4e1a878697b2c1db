using Microsoft.Extensions.Logging;

namespace Playbound.Realtime.RabbitMq;

/// <summary>Log messages of realtime routing through RabbitMQ.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{Name} connected to RabbitMQ")]
    public static partial void BrokerConnected(this ILogger logger, string name);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "{Name} cannot reach RabbitMQ; retrying in {Interval}")]
    public static partial void BrokerUnreachable(this ILogger logger, Exception exception, string name, TimeSpan interval);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "{Name} set up its RabbitMQ channel again after a connection or channel loss")]
    public static partial void BrokerRecovered(this ILogger logger, string name);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "{Name} could not set up its RabbitMQ channel again; realtime routing stays broken until the next recovery")]
    public static partial void SetUpAfterRecoveryFailed(this ILogger logger, Exception exception, string name);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Dropping realtime pushes (broker unavailable or publish queue full); clients catch up through REST")]
    public static partial void PushesDropped(this ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "Realtime pushes flow again after {Dropped} were dropped")]
    public static partial void PushesResumed(this ILogger logger, long dropped);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Changing realtime routing for {RoutingKey} failed; it is set up again when the broker recovers")]
    public static partial void RoutingChangeFailed(this ILogger logger, Exception exception, string routingKey);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "Ignoring a malformed realtime message with routing key {RoutingKey}")]
    public static partial void MalformedPush(this ILogger logger, string routingKey);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning, Message = "Ignoring a malformed presence message")]
    public static partial void MalformedPresence(this ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Announcing presence ({Kind}) failed; the next snapshot corrects it")]
    public static partial void PresenceAnnounceFailed(this ILogger logger, Exception exception, string kind);
}
